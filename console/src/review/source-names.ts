/** Sources' names by id, for tables that carry only the id (a review's rows do). */
import { SOURCES } from "../queries";
import { useQuery } from "../use-query";

export function useSourceNames(): ReadonlyMap<string, string> {
  const [state] = useQuery(SOURCES, {}, "sources");
  const sources = state.status === "done" ? (state.data?.sources ?? []) : [];
  return new Map(sources.map((s) => [s.id, s.name]));
}
