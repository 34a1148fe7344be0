import type { z } from 'zod';
import type { OperationDef, RequestDef } from './define';
import { appMethods } from './methods/app';
import { archiveMethods } from './methods/archives';
import { buildMethods } from './methods/build';
import { containerMethods } from './methods/containers';
import { engineMethods } from './methods/engine';
import { imageMethods } from './methods/images';
import { registryMethods } from './methods/registries';
import { inspectMethods } from './methods/inspect';
import { taskMethods } from './methods/tasks';
import { layerMethods } from './methods/layers';

export { FileSource } from './schemas';

/**
 * The whole main/renderer API, declared once: one file per area under
 * methods/. Adding a method means one entry there, its handler in
 * electron/api/handlers, and its UI; transports and the preload never change
 * per method.
 */
export const api = {
  ...appMethods,
  ...engineMethods,
  ...imageMethods,
  ...archiveMethods,
  ...containerMethods,
  ...registryMethods,
  ...inspectMethods,
  ...taskMethods,
  ...layerMethods,
  ...buildMethods,
} as const;

export type Api = typeof api;
export type MethodName = keyof Api;

type AnyRequest = RequestDef<z.ZodType, unknown>;
type AnyOperation = OperationDef<z.ZodType, unknown, unknown>;

export type RequestName = {
  [M in MethodName]: Api[M] extends AnyRequest ? M : never;
}[MethodName];
export type OperationName = {
  [M in MethodName]: Api[M] extends AnyOperation ? M : never;
}[MethodName];

/** What a caller passes (defaults may be omitted). */
export type ArgsOf<M extends MethodName> = z.input<Api[M]['args']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedArgsOf<M extends MethodName> = z.output<Api[M]['args']>;
export type ResultOf<M extends MethodName> = Api[M]['result'] extends { readonly __returns?: infer R } ? R : never;
export type ProgressOf<M extends OperationName> = Api[M]['progress'] extends { readonly __returns?: infer P }
  ? P
  : never;

export const isMethodName = (name: string): name is MethodName => Object.hasOwn(api, name);
