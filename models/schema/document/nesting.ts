/**
 * Linear pre-scan for nesting the yaml package would recurse into: flow brackets outside quoted scalars
 * and comments, compact block indicators (`- - - x`) and indentation. Approximate by design (it does not
 * tokenise plain scalars), which only matters far beyond any real document's depth.
 */
export function nestingProblem(text: string, maxDepth: number, maxIndent: number): { offset: number; message: string } | undefined {
  let depth = 0;
  let quote: '"' | "'" | '' = '';
  let lineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') quote = '';
      continue;
    }
    if (quote === "'") {
      if (c === "'") {
        if (text[i + 1] === "'") i++;
        else quote = '';
      }
      continue;
    }
    if (lineStart) {
      lineStart = false;
      let j = i;
      while (text[j] === ' ') j++;
      if (j - i > maxIndent) return { offset: j, message: `indented by ${j - i} columns; the limit is ${maxIndent}` };
      let compact = 0;
      while ((text[j] === '-' || text[j] === '?') && (text[j + 1] === ' ' || text[j + 1] === '\t')) {
        compact++;
        j += 2;
        while (text[j] === ' ' || text[j] === '\t') j++;
      }
      if (compact > maxDepth) return { offset: j, message: `${compact} nested block indicators on one line; the limit is ${maxDepth}` };
      i = j - 1;
      continue;
    }
    if (c === '\n') {
      lineStart = true;
      continue;
    }
    const prev = i === 0 ? '\n' : text[i - 1]!;
    const tokenStart = prev === ' ' || prev === '\t' || prev === '\n' || prev === '[' || prev === '{' || prev === ',' || prev === ':';
    if (c === '#' && (prev === ' ' || prev === '\t' || prev === '\n')) {
      const nl = text.indexOf('\n', i);
      if (nl < 0) break;
      i = nl - 1;
    } else if ((c === '"' || c === "'") && tokenStart) {
      quote = c;
    } else if (c === '[' || c === '{') {
      if (++depth > maxDepth) return { offset: i, message: `nested more than ${maxDepth} levels deep` };
    } else if ((c === ']' || c === '}') && depth > 0) {
      depth--;
    }
  }
  return undefined;
}
