/** The shape of a translation: the same keys as the English file, any strings. */
export type Localized<T> = { readonly [K in keyof T]: T[K] extends string ? string : Localized<T[K]> };
