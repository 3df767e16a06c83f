import type { AdminYear } from './AdminScreen';

/** The open year's groups as the timetable names them: «5А · Математика (5А-1)». */
export function groupOptions(year: AdminYear) {
  return year.classes.flatMap((c) => c.groups.map((g) => ({ ...g, label: `${c.name} · ${g.subject.name}${g.name !== c.name ? ` (${g.name})` : ''}` })));
}
