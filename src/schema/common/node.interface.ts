import { Field, ID, InterfaceType } from "type-graphql";
import type { AnyRecord } from "../../model/records.js";

/** Relay's Node: anything with a global id can be fetched again with `node(id:)`. */
@InterfaceType({
  description: "An object with a global ID, refetchable with `node(id:)`.",
  resolveType: (value: { kind: AnyRecord["kind"] | "Person" | "Snapshot" }) => value.kind,
})
export abstract class Node {
  @Field(() => ID, {
    description:
      "Global ID: `<source>:<Type>:<vendor id>` (a Person's: `Person:<key>`; a Snapshot's: its `snap_…`). Treat it as opaque.",
  })
  id!: string;
}
