// Medplum's MedplumClient and fhir-kit-client, two independent JavaScript FHIR clients, doing their common calls
// against a running Varde: create, conditional create, read, vread, search with their default page size, paging
// through `next` until the end, and a transaction. Run by JavaScriptClientTests (Varde.Server.Tests), which starts
// Varde on 127.0.0.1 and passes, in the environment:
//   VARDE_BASE       the server's address, e.g. http://127.0.0.1:41234
//   VARDE_GATEWAY    a device gateway's access token (writes readings)
//   VARDE_NURSE      a nurse's access token (reads the patient's data)
//   VARDE_PATIENT    the id of a patient the gateway reports for and the nurse follows, with no readings yet
//   VARDE_NOW        the server's clock (ISO 8601); readings are taken in the hour before it
// Prints one JSON line per step that passed: {"client":…,"step":…,…}. The first step that does not do what the
// FHIR specification says ends the script with exit code 1 and the reason on stderr.
import { MedplumClient } from '@medplum/core';
import { Client } from 'fhir-kit-client';

const base = required('VARDE_BASE');
const gatewayToken = required('VARDE_GATEWAY');
const nurseToken = required('VARDE_NURSE');
const patient = required('VARDE_PATIENT');
const now = new Date(required('VARDE_NOW'));
const loinc = 'http://loinc.org';
const identifierSystem = 'urn:oid:2.16.578.1.99.1';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

function passed(client, step, details = {}) {
  console.log(JSON.stringify({ client, step, ...details }));
}

let minute = 0;
/** An SpO2 reading as a device gateway sends it, each a minute earlier than the one before. */
function spo2(value, identifier = crypto.randomUUID()) {
  minute += 1;
  return {
    resourceType: 'Observation',
    status: 'final',
    identifier: [{ system: identifierSystem, value: identifier }],
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: loinc, code: '2708-6' }, { system: 'urn:iso:std:iso:11073:10101', code: '150456' }] },
    subject: { reference: `Patient/${patient}` },
    effectiveDateTime: new Date(now.getTime() - minute * 60_000).toISOString(),
    valueQuantity: { value, unit: '%', system: 'http://unitsofmeasure.org', code: '%' },
  };
}

function zoneOf(observation) {
  return observation.interpretation?.[0]?.coding?.find((c) => c.system === 'https://varde.no/fhir/CodeSystem/triage-zone')?.code;
}

async function medplum() {
  const options = { baseUrl: base, fhirUrlPath: 'fhir' };
  const gateway = new MedplumClient(options);
  gateway.setAccessToken(gatewayToken);
  const nurse = new MedplumClient(options);
  nurse.setAccessToken(nurseToken);
  const name = 'medplum';

  const created = await gateway.createResource(spo2(86));
  check(created.id && created.meta?.versionId === '1', `create answered ${JSON.stringify(created.meta)}`);
  check(zoneOf(created) === 'red', `SpO2 86 % was judged ${zoneOf(created)}`);
  passed(name, 'create', { id: created.id, zone: zoneOf(created) });

  const reading = spo2(95);
  const query = `identifier=${identifierSystem}|${reading.identifier[0].value}`;
  const first = await gateway.createResourceIfNoneExist(reading, query);
  const again = await gateway.createResourceIfNoneExist(reading, query);
  check(first.id === again.id, `conditional create made ${first.id} and then ${again.id}`);
  passed(name, 'conditional create', { id: first.id });

  const read = await nurse.readResource('Observation', created.id, { cache: 'no-cache' });
  check(read.id === created.id && read.valueQuantity.value === 86, `read answered ${JSON.stringify(read)}`);
  passed(name, 'read');

  const version = await nurse.readVersion('Observation', created.id, read.meta.versionId);
  check(version.id === created.id && version.meta.versionId === read.meta.versionId, `vread answered ${JSON.stringify(version.meta)}`);
  const history = await nurse.readHistory('Observation', created.id);
  check(history.type === 'history' && history.entry?.length === 1, `history answered ${history.entry?.length} entries`);
  passed(name, 'vread');

  const all = await nurse.searchResources('Observation', { patient, _count: 1000 }, { cache: 'no-cache' });
  const ids = all.filter((r) => r.resourceType === 'Observation').map((r) => r.id);
  check(ids.includes(created.id) && ids.includes(first.id), `search with _count=1000 found ${ids.length}`);
  passed(name, 'search', { count: ids.length, total: all.bundle.total });

  const transaction = await gateway.executeBatch({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [spo2(96), spo2(97), spo2(91)].map((resource) => ({
      fullUrl: `urn:uuid:${crypto.randomUUID()}`,
      resource,
      request: { method: 'POST', url: 'Observation' },
    })),
  });
  check(transaction.type === 'transaction-response', `transaction answered a ${transaction.type}`);
  check(transaction.entry.every((e) => e.response.status.startsWith('201')), `transaction entries ${transaction.entry.map((e) => e.response.status)}`);
  passed(name, 'transaction', { entries: transaction.entry.length });

  const seen = [];
  for await (const page of nurse.searchResourcePages('Observation', { patient, _count: 2 }, { cache: 'no-cache' })) {
    check(page.length <= 2, `a page of 2 held ${page.length}`);
    seen.push(...page.map((r) => r.id));
  }
  check(seen.length === new Set(seen).size, 'paging gave a reading twice');
  check(seen.length === 5, `paging through next gave ${seen.length} readings, not the 5 stored`);
  passed(name, 'paging', { readings: seen.length });
  return seen.length;
}

async function fhirKit(storedBefore) {
  const gateway = new Client({ baseUrl: `${base}/fhir`, bearerToken: gatewayToken });
  const nurse = new Client({ baseUrl: `${base}/fhir`, bearerToken: nurseToken });
  const name = 'fhir-kit';

  const statement = await nurse.capabilityStatement();
  check(statement.fhirVersion === '4.0.1', `metadata says FHIR ${statement.fhirVersion}`);
  passed(name, 'metadata');

  const created = await gateway.create({ resourceType: 'Observation', body: spo2(85) });
  check(created.id && zoneOf(created) === 'red', `create answered ${created.id}, zone ${zoneOf(created)}`);
  passed(name, 'create', { id: created.id, zone: zoneOf(created) });

  const reading = spo2(94);
  const headers = { 'If-None-Exist': `identifier=${identifierSystem}|${reading.identifier[0].value}` };
  const first = await gateway.create({ resourceType: 'Observation', body: reading, options: { headers } });
  const again = await gateway.create({ resourceType: 'Observation', body: reading, options: { headers } });
  check(first.id === again.id, `conditional create made ${first.id} and then ${again.id}`);
  passed(name, 'conditional create', { id: first.id });

  const read = await nurse.read({ resourceType: 'Observation', id: created.id });
  check(read.valueQuantity.value === 85, `read answered ${JSON.stringify(read.valueQuantity)}`);
  passed(name, 'read');

  const version = await nurse.vread({ resourceType: 'Observation', id: created.id, version: read.meta.versionId });
  check(version.id === created.id, `vread answered ${version.id}`);
  passed(name, 'vread');

  const transaction = await gateway.transaction({
    body: {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [spo2(95), spo2(96)].map((resource) => ({
        fullUrl: `urn:uuid:${crypto.randomUUID()}`,
        resource,
        request: { method: 'POST', url: 'Observation', ifNoneExist: `identifier=${identifierSystem}|${resource.identifier[0].value}` },
      })),
    },
  });
  check(transaction.entry.every((e) => e.response.status.startsWith('201')), `transaction entries ${transaction.entry.map((e) => e.response.status)}`);
  passed(name, 'transaction', { entries: transaction.entry.length });

  const expected = storedBefore + 4;
  const searched = await nurse.search({ resourceType: 'Observation', searchParams: { patient } });
  check(searched.type === 'searchset' && searched.total === expected, `search total ${searched.total}, expected ${expected}`);
  passed(name, 'search', { total: searched.total, onFirstPage: searched.entry.length });

  const seen = [];
  let page = await nurse.search({ resourceType: 'Observation', searchParams: { patient, _count: 3, _sort: '-date' } });
  while (page) {
    seen.push(...(page.entry ?? []).map((e) => e.resource.id));
    page = await nurse.nextPage({ bundle: page });
  }
  check(seen.length === expected && new Set(seen).size === expected, `paging through next gave ${seen.length} (${new Set(seen).size} different), expected ${expected}`);
  passed(name, 'paging', { readings: seen.length });
}

try {
  const stored = await medplum();
  await fhirKit(stored);
} catch (error) {
  console.error(error?.outcome ? `${error.message}: ${JSON.stringify(error.outcome)}` : error?.stack ?? String(error));
  process.exit(1);
}
