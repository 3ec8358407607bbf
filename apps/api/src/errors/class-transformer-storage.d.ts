/** class-transformer ships its metadata storage as CommonJS without types next to it; the types live apart. */
declare module 'class-transformer/cjs/storage' {
  export { defaultMetadataStorage } from 'class-transformer/types/storage';
}
