import { ownerDataSource } from './database';

/** Applies pending migrations as the owner role; returns how many ran. */
export async function migrate(ownerUrl: string): Promise<number> {
  const dataSource = await ownerDataSource(ownerUrl).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.length;
  } finally {
    await dataSource.destroy();
  }
}
