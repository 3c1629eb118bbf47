export { Simulation, type SimulationOptions, type RunOptions } from './simulation.js';
export { Event, Timeout, Condition, Interrupt, URGENT, NORMAL, type Waiter, type ConditionValue } from './events.js';
export { Process, type ProcessBody, type ProcessGenerator } from './process.js';
export { Resource, Request, Preempted, type ResourceOptions, type RequestOptions } from './resource.js';
export { Container, ContainerRequest, type ContainerOptions } from './container.js';
export { Store, StoreGet, StorePut, type StoreOptions, type ItemFilter } from './store.js';
