import { Type } from '@sinclair/typebox';
import { actionKind, type ResponseModule, type ZoneSelectorValue } from '../modules/types.js';
import { parameterView } from '../scenario/parameter-info.js';
import { WorldKey } from '../world/world.js';
import { Warnings } from './warning.js';
import { WARNING_PARAMETERS } from './warning-parameters.js';

/** The public warning of a replication. */
export const WARNINGS = new WorldKey<Warnings>('warnings');

const warn = actionKind({
  key: 'warn',
  description: 'issue a public warning on these channels to these zones',
  completion: 'every channel is active (the order plus the slowest channel\'s activation delay)',
  owner: { en: 'flood-control HQ office with the publicity group', zh: '防汛抗旱指挥部办公室、宣传报道组' },
  schema: (s) => Type.Object({ channels: Type.Array(Type.String(), { minItems: 1 }), zones: s.zones }, { additionalProperties: false }),
  compile: (doc: { channels: string[]; zones: ZoneSelectorValue }, ctx, path) => {
    const { channels } = ctx.scenario;
    doc.channels.forEach((c, i) => {
      if (!channels.has(c)) ctx.fail(`${path}/channels/${i}`, `unknown warning channel '${c}'; the scenario has: ${[...channels.keys()].join(', ')}`);
    });
    return { channels: doc.channels, zones: ctx.selectZones(doc.zones, `${path}/zones`) };
  },
  execute: (c, world, run) => {
    const { sim, bus, scenario } = world;
    const warnings = world.get(WARNINGS);
    let last = sim.now;
    for (const name of c.channels) {
      const channel = scenario.channels.get(name)!;
      warnings.warn(c.zones, channel, sim.now);
      last = Math.max(last, sim.now + channel.activationMin);
      bus.emit({ t: sim.now, kind: 'warning.issued', channel: name, zones: c.zones.length, action: run.id });
    }
    run.complete(last);
    warnings.notifyWarned(c.zones);
  },
  warning: (c) => ({ channels: c.channels, zones: c.zones }),
});

/**
 * Public warning (docs/models/response.md): channels act as competing risks on each zone's people; the
 * share of the people of the zones a hazard hits who were warned before it hit is the warning reach.
 */
export const warningModule: ResponseModule = {
  name: 'warning',
  description: 'public warning over the channels of the city',
  parameters: WARNING_PARAMETERS,
  triggers: [],
  actions: [warn],
  drill: {
    objective: {
      description: 'Warn the people at risk through the channels the plan names, in time',
      descriptionZh: '按预案渠道及时向受威胁群众发布预警',
      capability: 'Public Information and Warning',
    },
  },
  install(world) {
    const p = parameterView(world.params, WARNING_PARAMETERS);
    world.provide(WARNINGS, new Warnings(world.scenario.zones.length, world.scenario.startLocalMinuteOfDay, p['warning.reachFactor']));
  },
  metrics: [
    {
      name: 'warningReachFraction',
      unit: 'share',
      direction: 'higher-is-better',
      description: 'share of the people of the zones a hazard hit who were warned before it hit them (1 when no zone was hit)',
      compute: (world) => {
        const warnings = world.get(WARNINGS);
        let atRisk = 0;
        let warnedInTime = 0;
        for (const z of world.scenario.zones) {
          const at = world.zones.hitAt[z.index]!;
          if (at === Infinity) continue;
          atRisk += z.population;
          warnedInTime += z.population * warnings.fraction(z.index, at);
        }
        // Nobody at risk means nobody went unwarned.
        return atRisk > 0 ? warnedInTime / atRisk : 1;
      },
    },
  ],
};

declare module '../world/events.js' {
  interface SimEventMap {
    'warning.issued': { channel: string; zones: number; action: string };
  }
}
