import { In } from 'typeorm';
import type { SubgraphContext } from '@hub/shared';
import { CareAgreement } from './entities/care-agreement.entity';
import { ChildDirector } from './entities/child-director.entity';
import { ChildRecord } from './entities/child-record.entity';
import { ChildSupervisor } from './entities/child-supervisor.entity';
import { GuardianshipRevocation } from './entities/guardianship-revocation.entity';
import { Support } from './entities/support.entity';
import { Visit } from './entities/visit.entity';

/** One SQL statement per field family and batch, whatever the number of children asked for. */
export const civilAffairsLoaders = (ctx: SubgraphContext) => ({
  childRecordById: ctx.loaders.one(
    'childRecordById',
    (ids: string[]) => ctx.db.getRepository(ChildRecord).findBy({ id: In(ids) }),
    (r) => r.id,
  ),
  supportsByChild: ctx.loaders.many(
    'supportsByChild',
    (ids: string[]) => ctx.db.getRepository(Support).find({ where: { childId: In(ids) }, order: { startDate: 'DESC', id: 'DESC' } }),
    (s) => s.childId,
  ),
  careAgreementsByChild: ctx.loaders.many(
    'careAgreementsByChild',
    (ids: string[]) => ctx.db.getRepository(CareAgreement).find({ where: { childId: In(ids) }, order: { signedOn: 'DESC', id: 'DESC' } }),
    (a) => a.childId,
  ),
  directorById: ctx.loaders.one(
    'directorById',
    (ids: string[]) => ctx.db.getRepository(ChildDirector).findBy({ id: In(ids) }),
    (d) => d.id,
  ),
  supervisorById: ctx.loaders.one(
    'supervisorById',
    (ids: string[]) => ctx.db.getRepository(ChildSupervisor).findBy({ id: In(ids) }),
    (s) => s.id,
  ),
  directorsBySupervisor: ctx.loaders.many(
    'directorsBySupervisor',
    (ids: string[]) => ctx.db.getRepository(ChildDirector).find({ where: { supervisorId: In(ids) }, order: { villageCode: 'ASC', id: 'ASC' } }),
    (d) => d.supervisorId ?? '',
  ),
  revocationsByParent: ctx.loaders.many(
    'revocationsByParent',
    (ids: string[]) => ctx.db.getRepository(GuardianshipRevocation).find({ where: { parentId: In(ids) }, order: { revokedOn: 'DESC', id: 'DESC' } }),
    (r) => r.parentId,
  ),
});

/**
 * Visits, latest first; with `last`, only each child's `last` latest visits are read (a window function
 * in the same single statement), so a long visit history is not shipped to be thrown away. One loader per
 * distinct `last`, so differing arguments in one request still cost one statement each.
 */
export function visitsByChild(ctx: SubgraphContext, last: number | null) {
  return ctx.loaders.many(
    last === null ? 'visitsByChild' : `visitsByChild:last=${last}`,
    (ids: string[]) => {
      const qb = ctx.db.getRepository(Visit).createQueryBuilder('v');
      if (last === null) qb.where('v.child_id = ANY(:ids)', { ids });
      else {
        qb.where(
          `v.id IN (SELECT ranked.id FROM (
             SELECT id, row_number() OVER (PARTITION BY child_id ORDER BY visited_on DESC, id DESC) AS rn
             FROM visit WHERE child_id = ANY(:ids)) ranked
           WHERE ranked.rn <= :last)`,
          { ids, last },
        );
      }
      return qb.orderBy('v.visitedOn', 'DESC').addOrderBy('v.id', 'DESC').getMany();
    },
    (v) => v.childId,
  );
}
