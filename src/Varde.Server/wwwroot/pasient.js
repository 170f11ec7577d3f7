// Varde patient app: readings and answers are put in an outbox on the device first (localStorage, per patient),
// then sent; each keeps the client id it got when the patient pressed "Send", so sending again after a dropped
// connection or a lost answer stores it exactly once. The outbox is sent on load, when the connection returns,
// when the page becomes visible and every 15 seconds while something waits. Also: the "is this right?" check for
// numbers, and enableWhen for questionnaires.
// A yellow or red answer to something sent from the outbox (not straight from the entry screen, which opens the
// result page) stays on the device as "unread" and is shown prominently at the top of every page, "I dag" included,
// until the patient presses "Jeg har lest dette"; it survives a reload and a restart of the tablet.
(() => {
  'use strict';
  const texts = JSON.parse(document.getElementById('patient-texts')?.textContent || '{}');
  const statusBox = document.getElementById('outbox-status');
  const unreadBox = document.getElementById('unread-results');
  const patient = statusBox?.dataset.patient || null;
  const storeKey = patient ? 'varde.outbox.' + patient : null;
  const t = (key, ...args) => (texts[key] || key).replace(/\{(\d)\}/g, (_, i) => args[+i] ?? '');
  let activeGroup = null;
  let flushing = false;

  const load = () => {
    const empty = { pending: [], sent: [], failed: [], unread: [], signIn: false };
    if (!storeKey) return empty;
    try { return Object.assign(empty, JSON.parse(localStorage.getItem(storeKey) || '{}')); } catch { return empty; }
  };
  const save = box => storeKey && localStorage.setItem(storeKey, JSON.stringify(box));

  const newId = () => {
    if (window.crypto?.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40; b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map(x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };

  const el = (tag, props = {}, ...children) => {
    const { dataset, ...rest } = props;
    const node = Object.assign(document.createElement(tag), rest);
    Object.assign(node.dataset, dataset || {});
    children.forEach(c => node.append(c));
    return node;
  };

  function render() {
    if (!statusBox || !storeKey) return;
    const box = load();
    const lines = [];
    if (!navigator.onLine) lines.push(el('p', { className: 'offline' }, t('Outbox.Offline')));
    if (box.pending.length) lines.push(el('p', { className: 'waiting', dataset: { testid: 'waiting' } }, t('Outbox.Waiting', box.pending.map(p => p.label).join(', '))));
    if (box.signIn) lines.push(el('p', {}, el('a', { href: '/pasient/logg-inn' }, t('Outbox.SignInAgain'))));
    const shown = box.sent.filter(s => s.group !== activeGroup);
    const known = new Set(box.unread.map(u => u.id));
    shown.filter(s => needsReading(s) && !known.has(s.id)).forEach(s => box.unread.push(s));
    const quiet = shown.filter(s => !needsReading(s));
    const groups = [...new Set(quiet.map(s => s.group))];
    groups.forEach(g => {
      const items = quiet.filter(s => s.group === g);
      lines.push(el('p', { className: 'sent', dataset: { testid: 'sent' } }, t('Outbox.Sent', items.map(s => s.label).join(', ')) + ' ',
        items[0].next ? '' : el('a', { href: '/pasient/resultat/' + items.map(s => s.id).join(',') }, t('Outbox.SeeResult'))));
    });
    box.failed.forEach((f, i) => {
      const remove = el('button', { type: 'button', className: 'link-button' }, t('Outbox.Remove'));
      remove.addEventListener('click', () => { const b = load(); b.failed.splice(i, 1); save(b); render(); });
      lines.push(el('p', { className: 'failed' }, t('Outbox.Failed', f.label, f.message) + ' ', remove));
    });
    if (shown.length) { box.sent = box.sent.filter(s => s.group === activeGroup); save(box); }
    statusBox.replaceChildren(...lines);
    statusBox.hidden = lines.length === 0;
    renderUnread(box.unread);
    document.querySelectorAll('[data-waiting-for]').forEach(mark => {
      mark.hidden = !box.pending.some(p => p.subject === mark.dataset.waitingFor);
    });
  }

  // ---- yellow and red answers the patient has not read yet ----
  const needsReading = s => s.zone === 'yellow' || s.zone === 'red';
  const english = () => document.documentElement.lang === 'en';
  const stillClosed = i => i && !i.serviceOpen && (!i.serviceOpensAt || new Date(i.serviceOpensAt) > new Date());
  const clock = (iso, withDay) => new Date(iso).toLocaleString(english() ? 'en-GB' : 'nb-NO', Object.assign(
    { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' }, withDay ? { weekday: 'long', day: 'numeric', month: 'long' } : {}));
  const sameDay = iso => new Date(iso).toLocaleDateString('nb-NO', { timeZone: 'Europe/Oslo' }) === new Date().toLocaleDateString('nb-NO', { timeZone: 'Europe/Oslo' });

  // Red while the follow-up service is (still) closed: the emergency numbers first, as on the result page.
  function emergencyBlock(red) {
    const i = red.instruction;
    return el('section', { className: 'emergency', dataset: { testid: 'unread-emergency' } },
      el('h2', { id: 'unread-emergency-heading' }, t('Result.Emergency')),
      el('p', {}, english() ? i.emergencyEn : i.emergencyNb),
      el('p', { className: 'call-buttons' },
        el('a', { className: 'call', href: 'tel:116117' }, t('Result.Call116')),
        el('a', { className: 'call call-113', href: 'tel:113' }, t('Result.Call113'))));
  }

  const shape = () => { const s = el('span', { className: 'zone-shape' }); s.setAttribute('aria-hidden', 'true'); return s; };

  function unreadBlock(u) {
    const i = u.instruction;
    const headingId = 'unread-' + u.id;
    const part = el('section', { className: 'result unread zone-' + u.zone, dataset: { testid: 'unread', zone: u.zone, id: u.id } });
    part.setAttribute('aria-labelledby', headingId);
    const read = el('button', { type: 'button', className: 'primary' }, t('Unread.Confirm'));
    read.addEventListener('click', () => markRead(u.id));
    part.append(
      el('h2', { id: headingId, tabIndex: -1 }, t('Unread.Heading', u.label)),
      el('p', { className: 'zone-word' }, shape(), t(u.zone === 'red' ? 'Zone.Red' : 'Zone.Yellow')),
      el('p', { className: 'instruction-lead' }, t(u.zone === 'red' ? 'Result.Red' : 'Result.Yellow')),
      // A resent report whose first answer was lost comes back without the instruction: the result page has it.
      el('p', { className: 'instruction', dataset: { testid: 'unread-instruction' } }, i ? i.planInstruction || t('Result.NoPlanText') : t('Unread.SeeInstruction')),
      el('p', {}, stillClosed(i) && i.serviceOpensAt
        ? t('Result.ServiceClosed', clock(i.serviceOpensAt, !sameDay(i.serviceOpensAt)))
        : t('Result.ServiceSees')),
      el('p', { className: 'answered' }, sameDay(u.answeredAt) ? t('Unread.AnsweredToday', clock(u.answeredAt)) : t('Unread.AnsweredOn', clock(u.answeredAt, true))),
      el('p', { className: 'buttons' }, read, el('a', { className: 'secondary-link', href: '/pasient/resultat/' + u.id }, t('Unread.SeeAll'))));
    return part;
  }

  // The box is an alert region: it is rebuilt only when what it shows changes, so nothing is announced twice.
  function renderUnread(unread) {
    if (!unreadBox) return;
    const red = unread.find(u => u.zone === 'red' && stillClosed(u.instruction) && u.instruction.emergencyNb);
    const key = (red ? 'e:' : '') + unread.map(u => u.id).join(',');
    if (unreadBox.dataset.shown === key) return;
    unreadBox.dataset.shown = key;
    const blocks = unread.map(unreadBlock);
    if (red) blocks.unshift(emergencyBlock(red));
    unreadBox.replaceChildren(...blocks);
  }

  function markRead(id) {
    const box = load();
    box.unread = box.unread.filter(u => u.id !== id);
    save(box);
    const gone = unreadBox.querySelector(`[data-testid="unread"][data-id="${CSS.escape(id)}"]`);
    gone?.remove();
    if (!box.unread.some(u => u.zone === 'red')) unreadBox.querySelector('[data-testid="unread-emergency"]')?.remove();
    const emergency = unreadBox.querySelector('[data-testid="unread-emergency"]') ? 'e:' : '';
    unreadBox.dataset.shown = emergency + box.unread.map(u => u.id).join(',');
    const next = unreadBox.querySelector('[data-testid="unread"] h2') || document.querySelector('main h1');
    if (next) { if (!next.hasAttribute('tabindex')) next.tabIndex = -1; next.focus(); }
  }

  async function problemText(response) {
    try {
      const p = await response.json();
      return p.errors ? Object.values(p.errors).flat().join(' ') : p.detail || p.title || String(response.status);
    } catch { return String(response.status); }
  }

  async function flush() {
    if (!storeKey || flushing) return;
    flushing = true;
    try {
      for (;;) {
        const item = load().pending[0];
        if (!item) break;
        let response;
        try {
          response = await fetch(item.url, {
            method: 'POST', credentials: 'same-origin', cache: 'no-store',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(item.body),
          });
        } catch { break; } // offline or the connection dropped: it stays in the outbox
        if (response.status === 401 || response.redirected) { const b = load(); b.signIn = true; save(b); break; }
        if (response.status >= 500 || response.status === 429) break;
        // Read the answer before the outbox is loaded, so nothing saved meanwhile (a new reading) is overwritten.
        const stored = response.ok ? await response.json() : null;
        const problem = response.ok ? null : await problemText(response);
        const box = load();
        box.signIn = false;
        box.pending = box.pending.filter(p => p.body.clientId !== item.body.clientId);
        if (stored) {
          // A device's value may hold several readings (a blood pressure and its pulse): one line, the most urgent zone.
          const readings = stored.readings || [stored];
          const worst = readings.find(r => r.triage?.outcome === 'red') || readings.find(r => r.triage?.outcome === 'yellow') || readings[0];
          box.sent.push({
            id: readings.map(r => r.id).join(','), label: item.label, group: item.group, zone: worst.triage?.outcome || null, next: item.next || null,
            instruction: worst.instruction || null, answeredAt: new Date().toISOString(),
            // How long before Varde got it the reading was measured (both times Varde's, so clocks that differ cancel out).
            age: worst.effectiveAt && worst.receivedAt ? Date.parse(worst.receivedAt) - Date.parse(worst.effectiveAt) : null,
          });
          if (stored.sequence != null && item.body.device?.id) rememberSequence(item.body.device.id, stored.sequence);
        } else {
          box.failed.push({ label: item.label, message: problem, group: item.group });
        }
        save(box);
      }
    } finally {
      flushing = false;
      render();
    }
  }

  // Puts the items in the outbox, tries to send them, and then shows the result, or says they wait, or shows the error.
  // stay(sent): true keeps the page (a device's stored readings, sent while the app waits for the one being taken).
  async function send(form, items, stay = () => false) {
    const group = newId();
    activeGroup = group;
    const box = load();
    items.forEach(i => box.pending.push(Object.assign(i, { group })));
    save(box);
    const button = form.querySelector('[data-submit]');
    button.disabled = true;
    await flush();
    const after = load();
    const sent = after.sent.filter(s => s.group === group);
    const failed = after.failed.filter(f => f.group === group);
    activeGroup = null;
    if (sent.length === items.length && stay(sent)) {
      button.disabled = false;
      render();
      return sent;
    }
    if (sent.length === items.length) {
      after.sent = after.sent.filter(s => s.group !== group);
      // A yellow or red answer stays unread until the result page has shown it: if the connection drops before
      // that page loads, "I dag" shows it instead.
      const known = new Set(after.unread.map(u => u.id));
      sent.filter(s => needsReading(s) && !known.has(s.id)).forEach(s => after.unread.push(s));
      save(after);
      location.assign(sent[0].next || '/pasient/resultat/' + sent.map(s => s.id).join(','));
      return;
    }
    button.disabled = false;
    const message = form.querySelector('[data-form-error]');
    if (failed.length) {
      after.failed = after.failed.filter(f => f.group !== group);
      save(after);
      message.textContent = t('Measure.Rejected', failed.map(f => f.message).join(' '));
      message.className = 'error';
    } else {
      message.textContent = t('Outbox.SavedOffline');
      message.className = 'notice saved';
      message.dataset.testid = 'saved-offline';
      form.reset();
      applyEnableWhen(form);
    }
    message.hidden = false;
    render();
  }

  // ---- numbers ----
  const parse = text => {
    const raw = text.trim().replace(/\s/g, '').replace(',', '.');
    if (!raw) return { empty: true };
    if (!/^-?\d+(\.\d+)?$/.test(raw)) return { invalid: true };
    return { value: Number(raw) };
  };
  const shown = (value, input) => value.toLocaleString(document.documentElement.lang === 'en' ? 'en-GB' : 'nb-NO',
    { maximumFractionDigits: Number(input.dataset.decimals || 1) }) + ' ' + (input.dataset.displayUnit || '');

  const setError = (input, message) => {
    const error = document.getElementById(input.id + '-error');
    if (error) { error.textContent = message || ''; error.hidden = !message; }
    if (message) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
  };

  function setUpMeasurement(form) {
    let confirmed = false;
    const confirmBox = form.querySelector('[data-confirm]');
    const inputs = [...form.querySelectorAll('input[data-quantity]')];
    inputs.forEach(i => i.addEventListener('input', () => { confirmed = false; confirmBox.hidden = true; setError(i, null); }));
    confirmBox.querySelector('[data-confirm-yes]').addEventListener('click', () => { confirmed = true; confirmBox.hidden = true; form.requestSubmit(); });
    confirmBox.querySelector('[data-confirm-no]').addEventListener('click', () => {
      confirmBox.hidden = true;
      const first = inputs.find(i => i.dataset.warned === 'true') || inputs[0];
      first.focus(); first.select();
    });
    form.addEventListener('submit', async event => {
      event.preventDefault();
      form.querySelector('[data-form-error]').hidden = true;
      const values = new Map();
      const warnings = [];
      let firstInvalid = null;
      for (const input of inputs) {
        const parsed = parse(input.value);
        input.dataset.warned = 'false';
        let error = null;
        if (parsed.empty) error = t('Measure.Required');
        else if (parsed.invalid) error = t('Measure.NotANumber', input.dataset.example);
        else if (parsed.value <= 0) error = t('Measure.Impossible', input.value.trim());
        setError(input, error);
        if (error) { firstInvalid ??= input; continue; }
        values.set(input, parsed.value);
        // Asked only when a value is implausible, or far from what is usual for this patient (their own recent readings,
        // widened; the server sends the range once it has five readings); one question for all the values, said once.
        const min = Number(input.dataset.min), max = Number(input.dataset.max);
        const low = input.dataset.usualLow ? Number(input.dataset.usualLow) : null, high = input.dataset.usualHigh ? Number(input.dataset.usualHigh) : null;
        if (parsed.value < min || parsed.value > max) { warnings.push({ value: shown(parsed.value, input), implausible: true }); input.dataset.warned = 'true'; }
        else if (low !== null && high !== null && (parsed.value < low || parsed.value > high)) { warnings.push({ value: shown(parsed.value, input), implausible: false }); input.dataset.warned = 'true'; }
      }
      const question = warnings.length === 0 ? ''
        : t(warnings.some(w => w.implausible) ? 'Measure.ConfirmUnusual' : 'Measure.ConfirmNotUsual', warnings.map(w => w.value).join(t('Measure.And')));
      if (firstInvalid) { firstInvalid.focus(); return; }
      if (warnings.length && !confirmed) {
        confirmBox.querySelector('[data-confirm-text]').textContent = question;
        confirmBox.hidden = false;
        confirmBox.focus();
        return;
      }
      // "Ja, det er riktig – send": each reading whose number was questioned carries the patient's confirmation.
      const patientConfirmed = warnings.length > 0 && confirmed;
      const confirmedFor = list => patientConfirmed && list.some(i => i.dataset.warned === 'true') ? { patientConfirmed: true } : {};
      confirmed = false;
      const effectiveAt = new Date().toISOString();
      const type = form.dataset.type;
      const main = inputs.filter(i => !i.dataset.companion);
      const body = { clientId: newId(), type, unit: main[0].dataset.unit, effectiveAt, ...confirmedFor(main) };
      if (type === 'blood-pressure') { body.systolic = values.get(main[0]); body.diastolic = values.get(main[1]); }
      else body.value = values.get(main[0]);
      const items = [{
        url: '/pasient/api/measurements', subject: form.dataset.subject, body,
        label: form.dataset.name + ' ' + main.map(i => i.value.trim()).join('/') + ' ' + main[0].dataset.displayUnit,
      }];
      inputs.filter(i => i.dataset.companion).forEach(i => items.push({
        url: '/pasient/api/measurements', subject: 'measurement:Pulse',
        body: { clientId: newId(), type: i.dataset.companion, value: values.get(i), unit: i.dataset.unit, effectiveAt, ...confirmedFor([i]) },
        label: i.labels[0].textContent.trim() + ' ' + i.value.trim() + ' ' + i.dataset.displayUnit,
      }));
      await send(form, items);
    });
  }

  // ---- Bluetooth devices ----
  // Where the browser has Web Bluetooth (Chrome on Android tablets), the measure page offers "Koble til måler": the
  // patient (or the nurse at the start-up visit) chooses the device once per visit to the page, then measures as usual.
  // Each final value goes into the outbox as the device sent it (hex bytes) with the device's identity, and Varde reads
  // it (the same parser as the reference gateway). A glucose meter is asked for the records in its memory (Record
  // Access Control Point: all records; Varde keeps each record once). Other browsers keep the typed form only.
  const DEVICE_INFORMATION = 0x180A, RECORD_ACCESS = 0x2A52, GLUCOSE = 0x2A18;
  const hexOf = view => [...new Uint8Array(view.buffer, view.byteOffset, view.byteLength)].map(b => b.toString(16).padStart(2, '0')).join(' ');
  async function deviceText(service, characteristic) {
    try {
      const value = await (await service.getCharacteristic(characteristic)).readValue();
      return new TextDecoder().decode(value).replace(/[\u0000-\u001f]/g, '').trim().slice(0, 64) || null;
    } catch { return null; }
  }

  const sequenceKey = id => 'varde.device.' + id + '.sequence';
  function rememberSequence(deviceId, sequence) {
    const last = Number(localStorage.getItem(sequenceKey(deviceId)) ?? -1);
    if (sequence > last) localStorage.setItem(sequenceKey(deviceId), String(sequence));
  }
  // Record Access: the records after the last one Varde took from this meter (all, the first time).
  function recordsAfter(deviceId) {
    const last = localStorage.getItem(sequenceKey(deviceId));
    if (last === null || Number(last) >= 0xFFFF) return new Uint8Array([0x01, 0x01]);
    const next = Number(last) + 1;
    return new Uint8Array([0x01, 0x03, 0x01, next & 0xFF, next >> 8]);
  }

  function setUpDeviceReading(section) {
    if (!navigator.bluetooth || !section) return;
    const form = document.querySelector('form[data-outbox="measurement"]');
    const status = section.querySelector('[data-device-status]');
    const button = section.querySelector('[data-device-connect]');
    const service = parseInt(section.dataset.service, 16);
    const measurement = parseInt(section.dataset.characteristic, 16);
    section.hidden = false;
    let busy = false;
    const say = text => { status.textContent = text; };
    const item = (value, identity) => ({
      url: '/pasient/api/device-readings', subject: form.dataset.subject, label: t('Device.Label', form.dataset.name),
      body: { clientId: newId(), characteristic: section.dataset.characteristic, value, receivedAt: new Date().toISOString(), device: identity },
    });
    const done = text => { busy = false; button.disabled = false; say(text); };
    button.addEventListener('click', async () => {
      if (busy) return;
      busy = true;
      button.disabled = true;
      let device;
      try {
        device = await navigator.bluetooth.requestDevice({ filters: [{ services: [service] }], optionalServices: [DEVICE_INFORMATION] });
      } catch { done(t('Device.NotChosen')); return; }
      const name = device.name || t('Device.Heading');
      const connectedAt = Date.now();
      let finished = false;
      const collected = [];
      // The device may go to sleep (or out of range) before it has sent anything: say so, and send what came.
      device.addEventListener('gattserverdisconnected', async () => {
        if (finished) return;
        finished = true;
        if (collected.length) await send(form, collected.splice(0));
        done(t('Device.Failed'));
      }, { once: true });
      const finish = async (items, stay) => {
        if (finished) return;
        finished = true;
        try { device.gatt.disconnect(); } catch { /* already gone */ }
        done('');
        if (items.length) await send(form, items, stay);
      };
      say(t('Device.Connecting', name));
      try {
        const server = await device.gatt.connect();
        const identity = { id: device.id, manufacturer: null, model: null, serial: null };
        try {
          const info = await server.getPrimaryService(DEVICE_INFORMATION);
          identity.manufacturer = await deviceText(info, 0x2A29);
          identity.model = await deviceText(info, 0x2A24);
          identity.serial = await deviceText(info, 0x2A25);
        } catch { /* a device without Device Information is still read; Varde knows it by the browser's id */ }
        const health = await server.getPrimaryService(service);
        const values = await health.getCharacteristic(measurement);
        if (measurement === GLUCOSE) {
          values.addEventListener('characteristicvaluechanged', e => collected.push(item(hexOf(e.target.value), identity)));
          await values.startNotifications();
          const access = await health.getCharacteristic(RECORD_ACCESS);
          access.addEventListener('characteristicvaluechanged', async e => {
            const answer = new Uint8Array(e.target.value.buffer, e.target.value.byteOffset, e.target.value.byteLength);
            if (answer[0] !== 0x06) return;
            if (collected.length === 0) { finished = true; try { device.gatt.disconnect(); } catch { /* gone */ } done(t('Device.NoRecords', name)); return; }
            await finish(collected.splice(0));
          });
          await access.startNotifications();
          say(t('Device.Fetching', name));
          await access.writeValueWithResponse(recordsAfter(device.id));
        } else {
          // A monitor may first send readings it stored earlier: each goes to Varde as it comes, and the page waits for
          // the one being taken now (measured after the connection, by the device's clock as Varde reads it).
          const fresh = sent => sent.some(s => s.age !== null && s.age <= Date.now() - connectedAt + 60_000);
          values.addEventListener('characteristicvaluechanged', async e => {
            const value = item(hexOf(e.target.value), identity);
            if (finished) return;
            const sent = await send(form, [value], got => !fresh(got));
            if (sent) say(t('Device.Measure', name)); // an older reading went; still waiting for the new one
            else if (!finished) { finished = true; try { device.gatt.disconnect(); } catch { /* gone */ } done(''); }
          });
          await values.startNotifications();
          say(t('Device.Measure', name));
        }
      } catch {
        finished = true;
        try { device.gatt.disconnect(); } catch { /* already gone */ }
        done(t('Device.Failed'));
      }
    });
  }

  // ---- questionnaires ----
  function applyEnableWhen(form) {
    form.querySelectorAll('.question[data-enable-question]').forEach(q => {
      if (!q.dataset.enableQuestion) return;
      const source = form.querySelector(`.question[data-link-id="${CSS.escape(q.dataset.enableQuestion)}"]`);
      const chosen = source && !source.hidden ? [...source.querySelectorAll('input:checked')].map(i => i.value) : [];
      const on = chosen.includes(q.dataset.enableCode);
      q.hidden = !on;
      q.querySelectorAll('input, textarea').forEach(i => { i.disabled = !on; });
    });
  }

  function setUpQuestionnaire(form) {
    applyEnableWhen(form);
    form.addEventListener('change', () => applyEnableWhen(form));
    form.addEventListener('submit', async event => {
      event.preventDefault();
      form.querySelector('[data-form-error]').hidden = true;
      const answers = [];
      let firstInvalid = null;
      for (const q of form.querySelectorAll('.question')) {
        if (q.hidden) continue;
        const linkId = q.dataset.linkId, kind = q.dataset.kind, required = q.dataset.required === 'true';
        const error = q.querySelector('.field-error');
        let problem = null;
        if (kind === 'code' || kind === 'codes') {
          const chosen = [...q.querySelectorAll('input:checked')].map(i => i.value);
          if (chosen.length === 0) { if (required) problem = t('Questionnaire.Required'); }
          else answers.push(kind === 'code' ? { linkId, code: chosen[0] } : { linkId, codes: chosen });
        } else if (kind === 'text') {
          const text = q.querySelector('textarea, input').value.trim();
          if (!text) { if (required) problem = t('Questionnaire.Required'); } else answers.push({ linkId, text });
        } else {
          const input = q.querySelector('input');
          const parsed = parse(input.value);
          const min = Number(input.dataset.min), max = Number(input.dataset.max);
          if (parsed.empty) { if (required) problem = t('Questionnaire.Required'); }
          else if (parsed.invalid || (kind === 'integer' && !Number.isInteger(parsed.value)) || parsed.value < min || parsed.value > max)
            problem = t('Questionnaire.Range', input.dataset.min, input.dataset.max);
          else answers.push({ linkId, number: parsed.value });
        }
        error.textContent = problem || '';
        error.hidden = !problem;
        q.querySelectorAll('input, textarea').forEach(i => problem ? i.setAttribute('aria-invalid', 'true') : i.removeAttribute('aria-invalid'));
        if (problem) firstInvalid ??= q.querySelector('input, textarea');
      }
      if (firstInvalid) { firstInvalid.focus(); return; }
      if (form.dataset.preview) {
        // An administrator's preview: the answers are checked as for a patient, and nothing is sent.
        const note = form.querySelector('[data-form-error]');
        note.textContent = t('Questionnaire.PreviewNotSent');
        note.hidden = false;
        return;
      }
      if (form.dataset.survey) {
        // A user survey: the answers go to the survey, not to the patient's record; afterwards a thank-you, no result.
        await send(form, [{
          url: '/pasient/api/survey-answers', subject: 'survey:' + form.dataset.survey, label: form.dataset.name, next: '/pasient/undersokelse/takk',
          body: { clientId: newId(), invitation: form.dataset.survey, questionnaireVersion: form.dataset.version, answers },
        }]);
        return;
      }
      await send(form, [{
        url: '/pasient/api/questionnaire-responses', subject: form.dataset.subject, label: form.dataset.name,
        body: { clientId: newId(), questionnaire: form.dataset.questionnaire, questionnaireVersion: form.dataset.version, answers, effectiveAt: new Date().toISOString() },
      }]);
    });
  }

  // Signed in: keep the app's pages for use without coverage. Logging out forgets them (the outbox stays: nothing is lost).
  if (patient && 'serviceWorker' in navigator) navigator.serviceWorker.register('/pasient-sw.js', { scope: '/pasient' }).catch(() => {});
  document.querySelectorAll('form.logout').forEach(form => form.addEventListener('submit', () => {
    navigator.serviceWorker?.controller?.postMessage('forget');
    if (window.caches) caches.delete('varde-pasient-v1');
  }));

  // Reminders on this device (Web Push): the button asks the browser for permission, subscribes with Varde's VAPID key
  // and gives the subscription to Varde; turning them off revokes it on both sides. Where the browser cannot take
  // notifications the panel stays hidden.
  const fromBase64Url = text => {
    const raw = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - text.length % 4) % 4));
    return Uint8Array.from(raw, c => c.charCodeAt(0));
  };
  const setUpReminders = async panel => {
    if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return;
    const button = panel.querySelector('[data-push-toggle]');
    const failed = panel.querySelector('[data-push-failed]');
    const show = state => {
      panel.dataset.state = state;
      panel.querySelectorAll('[data-push-state]').forEach(p => { p.hidden = p.dataset.pushState !== state; });
      button.textContent = t(state === 'on' ? 'Reminders.TurnOff' : 'Reminders.TurnOn');
      button.hidden = state === 'blocked';
    };
    const registration = await navigator.serviceWorker.ready;
    let subscription = await registration.pushManager.getSubscription();
    show(Notification.permission === 'denied' ? 'blocked' : subscription ? 'on' : 'off');
    panel.hidden = false;
    button.addEventListener('click', async () => {
      button.disabled = true;
      failed.hidden = true;
      try {
        if (panel.dataset.state === 'on') {
          const revoked = await fetch('/pasient/api/push/subscriptions?endpoint=' + encodeURIComponent(subscription.endpoint), { method: 'DELETE' });
          if (!revoked.ok && revoked.status !== 404) throw new Error('revoke ' + revoked.status);
          await subscription.unsubscribe();
          subscription = null;
          show('off');
          return;
        }
        if (await Notification.requestPermission() !== 'granted') { show('blocked'); return; }
        const { publicKey } = await (await fetch('/pasient/api/push/key')).json();
        subscription = await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromBase64Url(publicKey) });
        const stored = await fetch('/pasient/api/push/subscriptions', {
          method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(subscription),
        });
        if (!stored.ok) throw new Error('subscribe ' + stored.status);
        show('on');
      } catch {
        failed.hidden = false;
      } finally {
        button.disabled = false;
      }
    });
  };
  document.querySelectorAll('[data-push]').forEach(panel => setUpReminders(panel).catch(() => {}));

  document.querySelectorAll('form[data-outbox="measurement"]').forEach(setUpMeasurement);
  setUpDeviceReading(document.querySelector('[data-device-reading]'));
  document.querySelectorAll('form[data-outbox="questionnaire"]').forEach(setUpQuestionnaire);
  window.addEventListener('online', () => { render(); flush(); });
  window.addEventListener('offline', render);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') flush(); });
  setInterval(() => { if (load().pending.length) flush(); }, 15000);
  // The result page shows its reports in full, instruction and emergency numbers included: they have been read. (Offline
  // the service worker may answer that address with "I dag" instead, which has no result on it.)
  const resultIds = location.pathname.match(/^\/pasient\/resultat\/([^/]+)$/)?.[1].split(',');
  if (resultIds && storeKey && document.querySelector('[data-testid="result"]')) {
    const box = load();
    // A device's reading is one entry with several ids (a blood pressure and its pulse): read when all of them are shown.
    box.unread = box.unread.filter(u => !String(u.id).split(',').every(id => resultIds.includes(id)));
    save(box);
  }
  render();
  flush();
})();
