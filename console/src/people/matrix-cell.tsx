import { LevelBadge } from "../ui/level-badge";
import type { Cell } from "./cells";

export function MatrixCell({ cell }: { cell: Cell }) {
  switch (cell.kind) {
    case "no-account":
      return (
        <span className="absent">
          <span aria-hidden="true">—</span>
          <span className="sr-only">no account</span>
        </span>
      );
    case "unknown":
      return <span className="level level-unknown">Not known (source failed)</span>;
    case "account":
      return (
        <>
          {cell.level ? (
            <LevelBadge level={cell.level} />
          ) : (
            <span className="level level-noaccess">No access</span>
          )}
          {cell.active ? null : <span className="inactive"> inactive</span>}
        </>
      );
  }
}
