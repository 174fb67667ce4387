// Months and shares as the visits panel shows them (pure, tested with node --test).

/** The twelve months up to and including month (YYYY-MM), oldest first. */
export function monthsUpTo(month) {
  const [y, m] = month.split('-').map(Number);
  const out = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  return out;
}

/** visited of total as a percentage with one decimal; a dash when there is nothing to visit. */
export function percent(visited, total) {
  return total > 0 ? `${Math.round((1000 * visited) / total) / 10}%` : '—';
}
