import { In } from 'typeorm';
import type { SubgraphContext } from '@hub/shared';
import { CustodyRecord } from './entities/custody-record.entity';
import { Household } from './entities/household.entity';
import { MissingReport } from './entities/missing-report.entity';
import { ParentLink } from './entities/parent-link.entity';
import { Person } from './entities/person.entity';
import { ResidencePermit } from './entities/residence-permit.entity';

/** One SQL statement per field family and batch, whatever the number of children or parents asked for. */
export const publicSecurityLoaders = (ctx: SubgraphContext) => ({
  personById: ctx.loaders.one(
    'personById',
    (ids: string[]) => ctx.db.getRepository(Person).findBy({ id: In(ids) }),
    (p) => p.id,
  ),
  householdByNo: ctx.loaders.one(
    'householdByNo',
    (nos: string[]) => ctx.db.getRepository(Household).findBy({ householdNo: In(nos) }),
    (h) => h.householdNo,
  ),
  parentLinksByChild: ctx.loaders.many(
    'parentLinksByChild',
    (ids: string[]) => ctx.db.getRepository(ParentLink).find({ where: { childId: In(ids) }, order: { relation: 'ASC', parentId: 'ASC' } }),
    (l) => l.childId,
  ),
  parentLinksByParent: ctx.loaders.many(
    'parentLinksByParent',
    (ids: string[]) => ctx.db.getRepository(ParentLink).find({ where: { parentId: In(ids) }, order: { childId: 'ASC' } }),
    (l) => l.parentId,
  ),
  permitsByPerson: ctx.loaders.many(
    'permitsByPerson',
    (ids: string[]) => ctx.db.getRepository(ResidencePermit).find({ where: { personId: In(ids) }, order: { issuedOn: 'DESC', id: 'DESC' } }),
    (r) => r.personId,
  ),
  custodyByPerson: ctx.loaders.many(
    'custodyByPerson',
    (ids: string[]) => ctx.db.getRepository(CustodyRecord).find({ where: { personId: In(ids) }, order: { since: 'DESC', id: 'DESC' } }),
    (c) => c.personId,
  ),
  missingReportsByPerson: ctx.loaders.many(
    'missingReportsByPerson',
    (ids: string[]) => ctx.db.getRepository(MissingReport).find({ where: { personId: In(ids) }, order: { reportedOn: 'DESC', id: 'DESC' } }),
    (m) => m.personId,
  ),
});
