// The stub's inspector (docs/stub.md#the-inspector). Request data is hostile: every text reaches
// the page through textContent or a text node, never as markup.
'use strict';

(() => {
  const BASE = '/__itk/ui';
  const POLL_MS = 1000;
  const rows = new Map();
  let last = 0;
  let selected = null;

  /** An element with attributes and children; strings become text nodes. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'text') e.textContent = String(v);
      else e.setAttribute(k, String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function verdictClass(verdict) {
    return verdict === 'valid' || verdict === 'not-checked' ? 'verdict-valid' : 'verdict-bad';
  }

  async function getJson(url, init) {
    const response = await fetch(url, Object.assign({ cache: 'no-store', credentials: 'omit' }, init));
    const body = await response.json();
    if (!response.ok) {
      const error = new Error(body && body.message ? body.message : 'HTTP ' + response.status);
      error.code = body && body.error;
      throw error;
    }
    return body;
  }

  // ---------------------------------------------------------------- the list

  function makeRow(q) {
    const button = el('button', {
      type: 'button', class: 'req', 'data-seq': q.seq, 'data-verdict': q.verdict,
      'aria-label': '#' + q.seq + ' ' + q.method + ' ' + q.target + ', ' + q.verdict + ', ' + q.status,
    },
    el('span', { class: 'seq', text: '#' + q.seq }),
    el('span', { class: 'method mono', text: q.method }),
    el('span', { class: 'target', text: q.target }),
    el('span', { class: 'verdict ' + verdictClass(q.verdict), text: q.verdict }),
    el('span', { class: 'status', text: q.status }));
    button.addEventListener('click', () => select(q.seq));
    return el('li', { 'data-seq': q.seq }, button);
  }

  async function poll() {
    try {
      const j = await getJson(BASE + '/requests?after=' + last);
      const info = document.getElementById('stub-info');
      info.textContent = 'Stub at ' + j.baseUrl + ' \u2014 keys ' + j.keys.join(', ');
      document.getElementById('request-count').textContent =
        '(' + j.kept + ' kept, ' + j.total + ' received' + (j.dropped ? ', ' + j.dropped + ' dropped' : '') + ')';
      for (const [seq, row] of rows) {
        if (seq < j.oldestKept) {
          row.remove();
          rows.delete(seq);
        }
      }
      const list = document.getElementById('requests');
      for (let i = j.requests.length - 1; i >= 0; i--) {
        const q = j.requests[i];
        if (rows.has(q.seq)) continue;
        const row = makeRow(q);
        list.prepend(row);
        rows.set(q.seq, row);
        last = Math.max(last, q.seq);
      }
    } catch (e) {
      document.getElementById('stub-info').textContent = 'The stub does not answer: ' + e.message;
    }
    setTimeout(poll, POLL_MS);
  }

  function onListKey(event) {
    const current = event.target.closest('li');
    if (!current) return;
    let next = null;
    if (event.key === 'ArrowDown') next = current.nextElementSibling;
    else if (event.key === 'ArrowUp') next = current.previousElementSibling;
    else if (event.key === 'Home') next = current.parentElement.firstElementChild;
    else if (event.key === 'End') next = current.parentElement.lastElementChild;
    if (next) {
      event.preventDefault();
      next.querySelector('button').focus();
    }
  }

  // ---------------------------------------------------------------- one request

  async function select(seq) {
    selected = seq;
    for (const [s, row] of rows) {
      row.querySelector('button').setAttribute('aria-current', s === seq ? 'true' : 'false');
    }
    const detail = document.getElementById('detail');
    let r;
    try {
      r = await getJson(BASE + '/requests/' + seq);
    } catch (e) {
      clear(detail);
      detail.append(el('p', { class: 'error', text: 'Request #' + seq + ': ' + e.message }));
      return;
    }
    if (selected !== seq) return;
    clear(detail);
    detail.append(el('h2', { text: '#' + r.seq + ' ' + r.method + ' ' + r.target }));
    detail.append(facts([
      ['verdict', el('span', { class: verdictClass(r.verdict), id: 'detail-verdict', text: r.verdict })],
      ['status', String(r.status)],
      ['detail', r.detail],
      ['received', r.time],
      ['key', r.keyFingerprint || '\u2014'],
    ]));
    if (r.diagnosis) {
      detail.append(el('h3', { text: 'Diagnosis' }));
      detail.append(diagnosisView(r.diagnosis));
    }
    detail.append(el('h3', { text: 'The canonical message the stub computed' }));
    if (r.message) {
      const table = el('table', { class: 'message-fields' }, el('tr', {}, el('th', { text: 'field' }), el('th', { text: 'value' })));
      for (const f of r.message) {
        table.append(el('tr', {}, el('th', { text: f.name }), el('td', { class: 'mono', text: f.value })));
      }
      detail.append(table);
    } else {
      detail.append(el('p', { class: 'hint', text: 'None: the request lacks what the message needs (see the detail).' }));
    }
    detail.append(el('h3', { text: 'Headers as received' }));
    detail.append(headerTable(r.headers));
    detail.append(el('h3', { text: 'Body (' + r.body.length + ' bytes' + (r.body.kept === 'prefix' ? ', first bytes kept' : '') + ')' }));
    detail.append(el('pre', { id: 'detail-body', text: r.body.rendered }));
    detail.focus({ preventScroll: true });
  }

  function facts(pairs) {
    const dl = el('dl', { class: 'facts' });
    for (const [k, v] of pairs) {
      dl.append(el('dt', { text: k }), el('dd', {}, v));
    }
    return dl;
  }

  function headerTable(headers) {
    const table = el('table', { class: 'headers' }, el('tr', {}, el('th', { text: 'name' }), el('th', { text: 'value' })));
    for (const [name, value] of headers) {
      table.append(el('tr', {}, el('td', { class: 'mono', text: name }), el('td', { class: 'mono', text: value })));
    }
    return table;
  }

  function marked(segments, plain) {
    const pre = el('pre');
    if (!segments) {
      pre.textContent = plain;
      return pre;
    }
    for (const s of segments) {
      pre.append(s.differs ? el('mark', { class: 'differs', text: s.text }) : document.createTextNode(s.text));
    }
    return pre;
  }

  function diagnosisView(d) {
    const box = el('div', { class: 'diagnosis', 'data-status': d.status });
    if (d.code) {
      box.append(facts([
        ['verdict', d.valid ? 'valid' : 'refused (' + d.code + ')'],
        ['key', d.keyFingerprint || '\u2014'],
        ['search', d.status + (d.detail ? ': ' + d.detail : '')],
      ]));
    } else {
      box.append(el('p', { class: 'hint', text: d.status + ': ' + d.detail }));
      return box;
    }
    if (d.causes.length) {
      box.append(el('p', { text: d.causes.length === 1 ? 'Cause:' : 'Causes (together):' }));
      for (const c of d.causes) {
        box.append(el('div', { class: 'cause' },
          el('strong', { class: 'cause-id', text: c.id }),
          el('p', { class: 'explanation', text: c.explanation }),
          el('p', { class: 'fix' }, el('strong', { text: 'Fix: ' }), c.fix)));
      }
    } else if (!d.valid) {
      box.append(el('p', { text: 'No catalogued mistake reproduces the signature: each alone, every pair, and three with one in the signature\u2019s form or the header names were all ruled out. The key may differ, or the mistake is a new one. Compare the stub\u2019s message below, field by field, with the one your client signed.' }));
    }
    if (d.clientMessage) {
      box.append(el('h3', { text: 'The message the client must have signed (differing bytes marked)' }));
      const client = marked(d.clientMarked, d.clientMessage);
      client.id = 'client-message';
      box.append(client);
    }
    if (d.serverMessage) {
      box.append(el('h3', { text: 'The message the server computes' + (d.clientMessage ? ' (differing bytes marked)' : '') }));
      box.append(marked(d.clientMessage ? d.serverMarked : null, d.serverMessage));
    }
    return box;
  }

  // ---------------------------------------------------------------- the paste box

  async function onPaste(event) {
    event.preventDefault();
    const result = document.getElementById('paste-result');
    clear(result);
    result.append(el('p', { class: 'hint', text: 'Diagnosing\u2026' }));
    const payload = {
      capture: document.getElementById('paste-text').value,
      format: document.getElementById('paste-format').value,
    };
    const key = document.getElementById('paste-key').value;
    if (key) payload.key = key;
    let j;
    try {
      j = await getJson(BASE + '/diagnose', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(payload),
      });
    } catch (e) {
      clear(result);
      result.append(el('p', { class: 'error', id: 'paste-error', text: (e.code ? e.code + ': ' : '') + e.message }));
      return;
    }
    clear(result);
    result.append(el('h2', { text: j.request.method + ' ' + j.request.target }));
    result.append(el('p', { class: 'hint', text: 'Read from the ' + j.request.source + '; key: ' + (j.keySource === 'pasted' ? 'the one pasted' : 'the stub\u2019s') + '.' }));
    result.append(diagnosisView(j.diagnosis));
    result.append(el('h3', { text: 'Headers' }));
    result.append(headerTable(j.request.headers));
    result.append(el('h3', { text: 'Body' }));
    result.append(el('pre', { text: j.request.body }));
  }

  // ---------------------------------------------------------------- tabs

  function showTab(which) {
    for (const [tab, view] of [['tab-requests', 'requests-view'], ['tab-paste', 'paste-view']]) {
      const on = tab === which;
      const t = document.getElementById(tab);
      t.setAttribute('aria-selected', on ? 'true' : 'false');
      t.tabIndex = on ? 0 : -1;
      document.getElementById(view).hidden = !on;
    }
  }

  function onTabKey(event) {
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      const other = event.target.id === 'tab-requests' ? 'tab-paste' : 'tab-requests';
      showTab(other);
      document.getElementById(other).focus();
      event.preventDefault();
    }
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('tab-requests').addEventListener('click', () => showTab('tab-requests'));
    document.getElementById('tab-paste').addEventListener('click', () => showTab('tab-paste'));
    document.querySelector('[role=tablist]').addEventListener('keydown', onTabKey);
    document.getElementById('requests').addEventListener('keydown', onListKey);
    document.getElementById('paste-form').addEventListener('submit', onPaste);
    poll();
  });
})();
