import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Child } from '../entities/child.type';
import { Parent } from '../entities/parent.type';
import { ParentLink } from '../entities/parent-link.entity';

@Resolver(() => ParentLink)
export class ParentLinkResolver {
  @FieldResolver(() => Parent, { description: '父亲或母亲' })
  parent(@Root() link: ParentLink): Parent {
    return { id: link.parentId };
  }

  @FieldResolver(() => Child, { description: '子女' })
  child(@Root() link: ParentLink): Child {
    return { id: link.childId };
  }
}
