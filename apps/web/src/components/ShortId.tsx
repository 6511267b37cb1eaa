import { Text } from '@mantine/core';
import { shortId } from '../format/format';

/** An id shortened for reading, whole in the tooltip; monospace so ids line up and compare. */
export function ShortId({ id }: { id: string }) {
  return (
    <Text span ff="monospace" size="sm" title={id} className="id-text">
      {shortId(id)}
    </Text>
  );
}
