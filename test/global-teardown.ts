export default async function globalTeardown(): Promise<void> {
  await (globalThis as { dropTestDatabase?: () => Promise<void> }).dropTestDatabase?.();
}
