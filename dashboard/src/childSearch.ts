import { useEffect, useState } from 'react';
import { gql, type Session } from './api';
import { shortPlace } from './cases';

/**
 * Finding a child by name, pinyin or ID number (`searchChildren`), shared by the header's 找儿童 page and the
 * mandatory-report form's child picker, and the hand-over from one to the other.
 */
export interface Match {
  matchedBy: string;
  placeName?: string | null;
  child: {
    id: string;
    welfare?: { name: string | null; dateOfBirth: string | null } | null;
    household?: { name: string | null; dateOfBirth: string | null } | null;
    enrolments?: { status: string; school: { name: string } | null }[] | null;
  };
}

/** At most this many matches: the hub answers 50 at the most, and a longer list means the name typed is too short. */
export const FIRST = 50;

/** What a role sees of a match: the ledger's fields with welfare:read, public security's with ps:household. */
export function searchFields(session: Session): { ledger: boolean; household: boolean; query: string } {
  const ledger = session.scopes.includes('welfare:read');
  const household = session.scopes.includes('ps:household');
  // A school registrar, who has neither the ledger's places nor names of its own, tells two children of one name
  // apart by their school.
  const school = !ledger && session.scopes.includes('edu:enrollment');
  const child = [
    ledger ? 'welfare { name dateOfBirth }' : '',
    household ? 'household { name dateOfBirth }' : '',
    school ? 'enrolments { status school { name } }' : '',
  ].join(' ');
  const query = `query($text: String!, $first: Int!) { searchChildren(text: $text, first: $first) {
     matchedBy ${ledger ? 'placeName' : ''} child { id ${child} } } }`;
  return { ledger, household, query };
}

/** The child's name as the role may see it (masked by the graph per role); without the ledger, public security's. */
export function matchName(session: Session, m: Match): string {
  return (
    m.child.welfare?.name ??
    m.child.household?.name ??
    (session.scopes.includes('welfare:read') ? '（无权查看姓名）' : '（公安户籍无记录或暂不可用）')
  );
}
/** The school a match attends (the enrolment in force first), when the role reads enrolments; else ''. */
export function schoolOf(m: Match): string {
  const list = m.child.enrolments ?? [];
  return (list.find((e) => e.status === 'ENROLLED') ?? list[0])?.school?.name ?? '';
}
export const matchBorn = (m: Match): string => m.child.welfare?.dateOfBirth ?? m.child.household?.dateOfBirth ?? '';

/**
 * `searchChildren` for `text` (nothing while it is blank): the matches of the latest text, or its error. The
 * header's search page and the report form's child picker share it.
 */
export function useChildSearch(session: Session, text: string, first = FIRST): { matches: Match[] | null; error: string } {
  const [result, setResult] = useState<{ text: string; matches: Match[] } | null>(null);
  const [error, setError] = useState<{ text: string; message: string } | null>(null);
  useEffect(() => {
    if (!text.trim()) return;
    let live = true;
    gql<{ searchChildren: Match[] | null }>(session, searchFields(session).query, { text: text.trim(), first }).then(
      (r) => live && setResult({ text, matches: r.data.searchChildren ?? [] }),
      (e: Error) => live && setError({ text, message: e.message }),
    );
    return () => {
      live = false;
    };
  }, [session, text, first]);
  return {
    matches: result?.text === text ? result.matches : null,
    error: error?.text === text ? error.message : '',
  };
}

/** The child a reporter picked, as the form shows it: the name as the role may see it (masked), birth date, place. */
export interface PickedChild {
  id: string;
  name: string;
  born: string;
  place: string;
}
/**
 * The child handed over by 找儿童's 「为该儿童报告」 link. Kept in memory, not in the address: a name does not belong
 * in a URL. After a reload the form asks again.
 */
let handedOver: PickedChild | null = null;
/** The child handed over for this id, if any. */
export function handedOverFor(id: string): PickedChild | null {
  return handedOver?.id === id ? handedOver : null;
}
export function reportFor(session: Session, m: Match): void {
  handedOver = {
    id: m.child.id,
    name: matchName(session, m),
    born: matchBorn(m),
    place: m.placeName ? shortPlace(m.placeName) : schoolOf(m),
  };
}
