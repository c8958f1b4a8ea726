import { In } from 'typeorm';
import type { SubgraphContext } from '@hub/shared';
import { DeathCertificate } from './entities/death-certificate.entity';
import { ImmunizationStatus } from './entities/immunization-status.entity';
import { NewbornScreening } from './entities/newborn-screening.entity';
import { SeriousIllness } from './entities/serious-illness.entity';

/**
 * One SQL statement per field family and batch, whatever the number of people asked for. Child and
 * Parent share the person-keyed loaders: both are keyed by the same pseudonymous id, so a request
 * mixing children and parents still costs one statement per family.
 */
export const healthLoaders = (ctx: SubgraphContext) => ({
  deathCertificateByPerson: ctx.loaders.one(
    'deathCertificateByPerson',
    // A person should hold one certificate; if a correction produced two, the later death date (then
    // the higher number) wins, because `one` keeps the last row it sees per key.
    (ids: string[]) =>
      ctx.db.getRepository(DeathCertificate).find({ where: { personId: In(ids) }, order: { dateOfDeath: 'ASC', certificateNo: 'ASC' } }),
    (d) => d.personId,
  ),
  screeningsByChild: ctx.loaders.many(
    'screeningsByChild',
    (ids: string[]) =>
      ctx.db.getRepository(NewbornScreening).find({ where: { childId: In(ids) }, order: { screenedOn: 'DESC', id: 'DESC' } }),
    (s) => s.childId,
  ),
  immunizationByChild: ctx.loaders.one(
    'immunizationByChild',
    (ids: string[]) => ctx.db.getRepository(ImmunizationStatus).findBy({ childId: In(ids) }),
    (i) => i.childId,
  ),
  seriousIllnessesByPerson: ctx.loaders.many(
    'seriousIllnessesByPerson',
    (ids: string[]) =>
      ctx.db.getRepository(SeriousIllness).find({ where: { personId: In(ids) }, order: { diagnosedOn: 'DESC', id: 'DESC' } }),
    (s) => s.personId,
  ),
});
