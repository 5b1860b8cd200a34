/** The two scalars beyond GraphQL's own: ISO-8601 date-times and the vendors' raw JSON. */
export { DateTimeResolver as DateTime, JSONResolver as RawJSON } from "graphql-scalars";
