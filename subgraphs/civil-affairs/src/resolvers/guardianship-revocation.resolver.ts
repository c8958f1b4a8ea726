import { FieldResolver, Resolver, Root } from 'type-graphql';
import { Child } from '../entities/child.type';
import { GuardianshipRevocation } from '../entities/guardianship-revocation.entity';
import { Parent } from '../entities/parent.type';

@Resolver(() => GuardianshipRevocation)
export class GuardianshipRevocationResolver {
  @FieldResolver(() => Child, { description: '涉及的儿童' })
  child(@Root() revocation: GuardianshipRevocation): Child {
    return { id: revocation.childId };
  }

  @FieldResolver(() => Parent, { description: '被撤销监护人资格的父亲或母亲' })
  parent(@Root() revocation: GuardianshipRevocation): Parent {
    return { id: revocation.parentId };
  }
}
