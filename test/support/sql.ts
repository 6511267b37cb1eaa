import { Client } from 'pg';

/** One query on its own connection (superuser, owner or app role, as the URL says), then closed. */
export async function sql<T extends object>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
}
