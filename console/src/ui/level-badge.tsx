import { LEVEL_LABEL } from "../levels";
import type { Level } from "../queries";

/** A level as colour and as words: the colour helps the eye, the text is what it says. */
export function LevelBadge({ level }: { level: Level }) {
  return <span className={`level level-${level.toLowerCase()}`}>{LEVEL_LABEL[level]}</span>;
}
