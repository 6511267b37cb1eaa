// The agenda's window, in the browser's calendar (the workers' own time zone).
export type AgendaView = 'day' | 'week';

/** The day or the week (Monday to Sunday) holding `anchor`: [from, to) and its days. */
export function agendaWindow(anchor: Date, view: AgendaView): { from: Date; to: Date; days: Date[] } {
  const from = new Date(anchor.getFullYear(), anchor.getMonth(), anchor.getDate());
  if (view === 'week') from.setDate(from.getDate() - ((from.getDay() + 6) % 7));
  const count = view === 'week' ? 7 : 1;
  const days = Array.from(
    { length: count },
    (_, i) => new Date(from.getFullYear(), from.getMonth(), from.getDate() + i),
  );
  const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + count);
  return { from, to, days };
}
