import { Field, ID, ObjectType } from "type-graphql";

@ObjectType({
  simpleResolvers: true,
  description:
    "An onboarding template from config (`templates`): what `planOnboarding(input: { template })` gives a new person.",
})
export class Template {
  @Field(() => String, { description: "The name `planOnboarding` takes." })
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [ID], { description: "The sources its grants, groups and teams name, in config order." })
  sources!: string[];
}
