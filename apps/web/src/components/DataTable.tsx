import { Paper, Stack, Table } from '@mantine/core';
import type { ReactNode } from 'react';

export interface DataColumn<T> {
  readonly key: string;
  readonly header: string;
  readonly cell: (row: T) => ReactNode;
}

/**
 * A list of records: a table on wide screens, a stack of cards on narrow ones (390 px), where a
 * table would need sideways scrolling. Both are in the page; CSS shows one, and the hidden one is
 * out of the accessibility tree too (display: none), so nothing is read twice.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
}: {
  /** The accessible name of the table and of the card list. */
  label: string;
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
}) {
  return (
    <>
      <Table visibleFrom="md" aria-label={label} verticalSpacing="sm" withTableBorder striped className="data-table">
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} scope="col">
                {column.header}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((column) => (
                <Table.Td key={column.key}>{column.cell(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack component="ul" hiddenFrom="md" gap="sm" className="plain-list" aria-label={label}>
        {rows.map((row) => (
          <Paper component="li" withBorder p="sm" key={rowKey(row)}>
            <dl className="data-card">
              {columns.map((column) => (
                <div key={column.key}>
                  <dt>{column.header}</dt>
                  <dd>{column.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </Paper>
        ))}
      </Stack>
    </>
  );
}
