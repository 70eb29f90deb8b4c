import { createHash } from 'node:crypto';
import type { XeroDocumentPlan } from '../mapping';
import type { XeroAccountingClient } from './accounting-client';
import { XeroValidationError } from './errors';
import { findContact, type NameClaim } from './find-contact';
import type { ContactMemory } from './memory-ports';
import type { WireContact } from './wire-types';

/**
 * An idempotency key for creating a contact, derived from its content (and the refused contact it replaces, else
 * Xero would replay the create that made the refused one); hashed so no personal data leaves.
 */
function contactCreateKey(storeId: string, contact: WireContact, replacing?: string): string {
  const digest = createHash('sha256')
    .update(JSON.stringify(replacing ? [contact, replacing] : contact))
    .digest('hex')
    .slice(0, 40);
  return `contact:${storeId}:${digest}`;
}

/**
 * The memory key of a customer: a digest of everything the lookup decides by (matching order, email, names), so
 * a customer whose details change is looked up again, and no personal data is stored.
 */
export function customerKey(plan: XeroDocumentPlan['contact']): string {
  const { match } = plan;
  const norm = (value: string | undefined): string => (value ?? '').trim().toLowerCase();
  const parts = [
    match.order.join(','),
    match.email,
    match.name,
    match.company,
    plan.create.Name,
    plan.disambiguatedName,
  ];
  return createHash('sha256')
    .update(JSON.stringify(parts.map(norm)))
    .digest('hex');
}

const digest = (value: string | undefined): string =>
  createHash('sha256')
    .update((value ?? '').trim().toLowerCase())
    .digest('hex');

/**
 * The customer's claim on new contact names in the store's organisation: the name as Xero compares it (ignoring
 * case and surrounding spaces) for the customer's email (the same person to the lookup), both as digests.
 */
export function nameClaimFor(memory: ContactMemory, storeId: string, plan: XeroDocumentPlan['contact']): NameClaim {
  return (name) => memory.claimContactName(storeId, digest(name), digest(plan.match.email));
}

/** Lookups-then-creates tried before a name that keeps being taken by concurrent creates is reported. */
const CREATE_ROUNDS = 4;
const NAME_TAKEN = /contact name .* is already assigned to another contact/i;

/**
 * Finds the order's customer in Xero (see findContact for the matching rules) and creates the contact when none
 * matches, under the plan's name or, when another person holds it, the plan's disambiguated name. When Xero
 * refuses the create because the name was taken since the lookup (another order's sync created it a moment
 * ago), it looks again and carries on: the same person's contact is used, another person's name moves this
 * customer on to the disambiguated name.
 *
 * With a `memory`, a customer matched or created once costs no call afterwards; the ContactID is remembered as
 * soon as Xero gives it, so a retried activity does not look again; a new contact's name is claimed first (see
 * nameClaimFor), so it never takes a name another customer's invoice is creating its contact under. Xero checks the remembered ContactID on every
 * document that uses it; when it refuses it, the caller forgets it (`ContactMemory.forgetContact`) and calls
 * again with `replacing` set to the refused ContactID.
 */
export async function findOrCreateContact(
  client: XeroAccountingClient,
  storeId: string,
  plan: XeroDocumentPlan['contact'],
  memory?: ContactMemory,
  replacing?: string,
): Promise<string> {
  const key = customerKey(plan);
  const remembered = await memory?.recallContact(storeId, key);
  if (remembered && remembered !== replacing) return remembered;
  const claim = memory && nameClaimFor(memory, storeId, plan);
  const contactId = await lookUpOrCreate(client, storeId, plan, replacing, claim);
  await memory?.rememberContact(storeId, key, contactId);
  return contactId;
}

async function lookUpOrCreate(
  client: XeroAccountingClient,
  storeId: string,
  plan: XeroDocumentPlan['contact'],
  replacing: string | undefined,
  claim: NameClaim | undefined,
): Promise<string> {
  for (let round = 1; ; round += 1) {
    const found = await findContact(client, storeId, plan, claim);
    if (found.kind === 'existing') return found.contactId;
    if (found.kind === 'conflict') throw new XeroValidationError([found.message]);
    try {
      return await createContact(client, storeId, found.contact, replacing);
    } catch (err) {
      if (round >= CREATE_ROUNDS || !takenByConcurrentCreate(err)) throw err;
    }
  }
}

/** Xero refused the create only because the contact name is taken (the lookup before it saw the name free). */
function takenByConcurrentCreate(err: unknown): boolean {
  return err instanceof XeroValidationError && err.messages.length > 0 && err.messages.every((m) => NAME_TAKEN.test(m));
}

async function createContact(
  client: XeroAccountingClient,
  storeId: string,
  contact: WireContact,
  replacing: string | undefined,
): Promise<string> {
  const created = await client.createContact(storeId, contact, contactCreateKey(storeId, contact, replacing));
  if (!created.ContactID) throw new Error('Xero created a contact but returned no ContactID');
  return created.ContactID;
}
