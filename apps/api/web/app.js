/*
 * Ambidex portfolio dashboard: plain JavaScript, no build step, ECharts served by the API under /assets.
 * One file drives both pages: the interactive dashboard (data-mode="dashboard") and the printable
 * management review (data-mode="print"). It only reads the insights API; every figure comes from there.
 */
(function () {
  'use strict';

  var MODE = document.body.dataset.mode === 'print' ? 'print' : 'dashboard';
  var PRINT = MODE === 'print';
  var LEADER_ROLES = ['leadership', 'admin'];
  var UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

  var STAGE_LABELS = { explore: 'Explore', experiment: 'Experiment', develop: 'Develop', handover: 'Handover', in_operation: 'In operation' };
  var STATUS_LABELS = { active: 'Active', on_hold: 'On hold', killed: 'Killed', handed_over: 'Handed over' };
  var AMBITION_LABELS = { core: 'Core', adjacent: 'Adjacent', transformational: 'Transformational' };
  var DECISION_LABELS = { go: 'Go', conditional_go: 'Conditional go', kill: 'Kill', hold: 'Hold', recycle: 'Recycle' };
  var AMBITIONS = ['core', 'adjacent', 'transformational'];
  var COLORS = {
    core: '#3461d1', adjacent: '#12977f', transformational: '#e07b26',
    H1: '#3461d1', H2: '#6f8fe0', H3: '#b3c3ef',
    current: '#3461d1', inflow: '#12977f', outflow: '#d0613c',
    conversion: '#12977f', kill: '#d6455d', recycle: '#e0a526', hold: '#8a93a8',
    median: '#3461d1', p85: '#a9bbee', target: '#c9cfdc', negative: '#d6455d',
    axis: '#8a93a8', grid: '#eceff5', text: '#2b3344', muted: '#5d6679',
  };
  /** Gate chart series: the rate field, its label, and the decision a click lists. */
  var GATE_SERIES = [
    { field: 'conversionRate', name: 'Conversion', color: COLORS.conversion, decisions: ['go', 'conditional_go'] },
    { field: 'killRate', name: 'Kill', color: COLORS.kill, decisions: ['kill'] },
    { field: 'recycleRate', name: 'Recycle', color: COLORS.recycle, decisions: ['recycle'] },
    { field: 'holdRate', name: 'Hold', color: COLORS.hold, decisions: ['hold'] },
  ];
  var EXPORTS = {
    funnel: 'funnel', gates: 'gate decisions', 'cycle-times': 'cycle times', balance: 'balance',
    'ecv-ranking': 'ECV ranking', bubbles: 'risk × reward bubbles', zombies: 'zombies', initiatives: 'initiatives',
  };
  var ECV_TOP = 12;
  var DRILLDOWN_LIMIT = 200;

  var state = {
    me: null,
    portfolios: [],
    filters: null,
    overview: null,
    charts: {},
    loads: 0,
    seq: 0,
    printed: false,
    cardsBuilt: false,
    drillSeq: 0,
    lastFocus: null,
  };

  function $(id) { return document.getElementById(id); }

  /* ---------------------------------------------------------------- DOM helpers */

  /** Builds an element; text children are text nodes, so user content is never parsed as HTML. */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'class') el.className = value;
        else if (key === 'text') el.textContent = value;
        else if (key.slice(0, 2) === 'on' && typeof value === 'function') el.addEventListener(key.slice(2), value);
        else if (key === 'dataset') Object.keys(value).forEach(function (k) { el.dataset[k] = value[k]; });
        else el.setAttribute(key, value === true ? '' : String(value));
      });
    }
    for (var i = 2; i < arguments.length; i++) append(el, arguments[i]);
    return el;
  }

  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
    else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  /** For ECharts tooltips, which are HTML. */
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /* ---------------------------------------------------------------- formatting */

  var intFmt = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
  var compactFmt = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
  var dec1 = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  var dec2 = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var dateTimeFmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
  var dateFmt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function fmtInt(v) { return isNum(v) ? intFmt.format(v) : '–'; }
  function fmtMoney(v) { return isNum(v) ? intFmt.format(v) : '–'; }
  function fmtCompact(v) { return isNum(v) ? compactFmt.format(v) : '–'; }
  function fmtPct(v) { return isNum(v) ? (Math.round(v * 1000) / 10) + '%' : '–'; }
  function fmtDays(v) { return isNum(v) ? dec1.format(v) + ' d' : '–'; }
  function fmtDec2(v) { return isNum(v) ? dec2.format(v) : '–'; }
  function fmtHours(v) {
    if (!isNum(v)) return '–';
    return v >= 48 ? dec1.format(v / 24) + ' days' : dec1.format(v) + ' h';
  }
  function fmtDateTime(v) { var d = v ? new Date(v) : null; return d && !isNaN(d) ? dateTimeFmt.format(d) : '–'; }
  function fmtDate(v) { var d = v ? new Date(v) : null; return d && !isNaN(d) ? dateFmt.format(d) : '–'; }
  function stageLabel(s) { return STAGE_LABELS[s] || s; }
  function statusLabel(s) { return STATUS_LABELS[s] || s; }
  function ambitionLabel(a) { return AMBITION_LABELS[a] || a; }
  function truncate(text, n) { text = String(text); return text.length > n ? text.slice(0, n - 1) + '…' : text; }

  /* ---------------------------------------------------------------- API */

  function ApiError(status, problem, message) {
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    this.message = message;
  }
  ApiError.prototype = Object.create(Error.prototype);

  function api(path, options) {
    options = options || {};
    var headers = { accept: 'application/json' };
    var init = { method: options.method || 'GET', credentials: 'same-origin', headers: headers };
    // Writes signed in by cookie must echo the CSRF cookie in a header, which another site cannot read.
    if (init.method !== 'GET') headers['x-csrf-token'] = cookieNamed('ambidex_csrf');
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    return fetch(path, init).then(function (res) {
      if (res.status === 204) return null;
      var type = res.headers.get('content-type') || '';
      var parsed = type.indexOf('json') >= 0 ? res.json().catch(function () { return null; }) : Promise.resolve(null);
      return parsed.then(function (body) {
        if (!res.ok) throw new ApiError(res.status, body, problemText(res.status, body));
        return body;
      });
    }, function () {
      throw new ApiError(0, null, 'The server cannot be reached. Check the connection and try again.');
    });
  }

  function cookieNamed(name) {
    var found = document.cookie.split(';').map(function (part) { return part.trim(); })
      .filter(function (part) { return part.indexOf(name + '=') === 0; })[0];
    return found ? decodeURIComponent(found.slice(name.length + 1)) : '';
  }

  /** The human sentence of a problem+json body: its detail, with the field problems when it lists them. */
  function problemText(status, problem) {
    if (!problem) return 'The request failed (' + status + ').';
    var text = problem.detail || problem.title || 'The request failed (' + status + ').';
    if (Array.isArray(problem.errors) && problem.errors.length > 0) {
      var fields = problem.errors.slice(0, 3).map(function (e) {
        return e && (e.field ? e.field + ': ' : '') + (e.reason || e.message || '');
      }).filter(Boolean);
      if (fields.length > 0) text += ' (' + fields.join('; ') + ')';
    }
    return text;
  }

  function query(params) {
    var parts = [];
    Object.keys(params).forEach(function (key) {
      var v = params[key];
      if (v === undefined || v === null || v === '') return;
      parts.push(encodeURIComponent(key) + '=' + encodeURIComponent(v));
    });
    return parts.length > 0 ? '?' + parts.join('&') : '';
  }

  function portfolioPath(suffix) {
    return '/api/insights/portfolios/' + encodeURIComponent(state.filters.portfolio) + suffix;
  }

  /* ---------------------------------------------------------------- filters */

  function isoDay(date) {
    return date.getUTCFullYear() + '-' + String(date.getUTCMonth() + 1).padStart(2, '0') + '-' + String(date.getUTCDate()).padStart(2, '0');
  }

  function defaultFilters() {
    var now = new Date();
    var from = new Date(now.getTime());
    from.setUTCFullYear(from.getUTCFullYear() - 1);
    return { portfolio: '', from: isoDay(from), to: isoDay(now), ambition: '', horizon: '', ownerId: '' };
  }

  function filtersFromUrl() {
    var p = new URLSearchParams(location.search);
    var f = defaultFilters();
    ['portfolio', 'from', 'to', 'ambition', 'horizon'].forEach(function (k) { if (p.get(k)) f[k] = p.get(k); });
    if (p.get('owner')) f.ownerId = p.get('owner');
    if (f.ownerId === 'all') f.ownerId = '';
    if (!AMBITION_LABELS[f.ambition]) f.ambition = '';
    if (['H1', 'H2', 'H3'].indexOf(f.horizon) < 0) f.horizon = '';
    return f;
  }

  /** The page's own address for these filters (dashboard and printable page share them). */
  function filtersSearch(f, extra) {
    var params = { portfolio: f.portfolio, from: f.from, to: f.to, ambition: f.ambition, horizon: f.horizon, owner: f.ownerId };
    Object.keys(extra || {}).forEach(function (k) { params[k] = extra[k]; });
    return query(params);
  }

  /**
   * What the overview, the click-through list and the exports take: the period as whole UTC days (to is the last
   * day, inclusive) and the slicers.
   */
  function overviewParams(f) {
    return { from: f.from, to: f.to, ambition: f.ambition, horizon: f.horizon, ownerId: f.ownerId };
  }

  function readForm() {
    return {
      portfolio: $('f-portfolio').value,
      from: $('f-from').value,
      to: $('f-to').value,
      ambition: $('f-ambition').value,
      horizon: $('f-horizon').value,
      ownerId: $('f-owner').value.trim().toLowerCase() === 'all' ? '' : $('f-owner').value.trim(),
    };
  }

  function writeForm(f) {
    $('f-portfolio').value = f.portfolio;
    $('f-from').value = f.from;
    $('f-to').value = f.to;
    $('f-ambition').value = f.ambition;
    $('f-horizon').value = f.horizon;
    $('f-owner').value = f.ownerId;
  }

  function validateFilters(f) {
    if (!f.portfolio) return 'Choose a portfolio.';
    if (f.ownerId && !UUID.test(f.ownerId)) return 'The owner must be a user id (a UUID), or empty for all owners.';
    if (f.from && f.to && f.from > f.to) return 'The period starts after it ends: check From and To.';
    return null;
  }

  /* ---------------------------------------------------------------- views */

  function show(view) {
    ['login', 'forbidden', 'dashboard'].forEach(function (v) { $(v + '-view').hidden = v !== view; });
    $('boot').hidden = true;
    document.body.dataset.view = view;
    var session = $('session');
    if (session) {
      session.hidden = !state.me;
      if (state.me) $('whoami').textContent = state.me.displayName || state.me.email;
    }
  }

  function showLogin(message) {
    state.me = null;
    // Nothing of the last session's figures stays in the page, not even hidden.
    disposeCharts();
    closeDrilldown();
    state.overview = null;
    state.cardsBuilt = false;
    ['cards', 'tiles', 'drilldown-body'].forEach(function (id) { if ($(id)) clear($(id)); });
    show('login');
    var error = $('login-error');
    error.hidden = !message;
    error.textContent = message || '';
    $('login-email').focus();
  }

  function isLeader(me) {
    return Array.isArray(me && me.roles) && me.roles.some(function (r) { return LEADER_ROLES.indexOf(r) >= 0; });
  }

  function enter() {
    if (!isLeader(state.me)) {
      $('forbidden-user').textContent = (state.me.displayName ? state.me.displayName + ' · ' : '') + state.me.email;
      show('forbidden');
      return Promise.resolve();
    }
    show('dashboard');
    state.filters = filtersFromUrl();
    setStatus('Loading portfolios…', 'busy');
    return api('/api/insights/portfolios').then(function (portfolios) {
      state.portfolios = Array.isArray(portfolios) ? portfolios : [];
      if (state.portfolios.length === 0) {
        setStatus('There are no portfolios yet.', 'info');
        return;
      }
      var known = state.portfolios.some(function (p) { return p.id === state.filters.portfolio; });
      if (!known) state.filters.portfolio = state.portfolios[0].id;
      if (!PRINT) {
        var select = clear($('f-portfolio'));
        state.portfolios.forEach(function (p) { select.appendChild(h('option', { value: p.id, text: p.name })); });
        writeForm(state.filters);
      }
      buildCards();
      return refresh();
    }).catch(handleError);
  }

  function setStatus(text, kind) {
    var el = $('status');
    el.textContent = text || '';
    el.dataset.kind = kind || '';
    el.hidden = !text;
  }

  function handleError(err) {
    if (err && err.status === 401) return showLogin('Your session has ended. Sign in again.');
    if (err && err.status === 403 && state.me) {
      $('forbidden-user').textContent = state.me.email;
      show('forbidden');
      return;
    }
    setStatus(err && err.message ? err.message : 'Something went wrong.', 'error');
  }

  /* ---------------------------------------------------------------- login / logout */

  function onLogin(event) {
    event.preventDefault();
    var email = $('login-email').value.trim();
    var password = $('login-password').value;
    var error = $('login-error');
    error.hidden = true;
    if (!email || !password) {
      error.textContent = 'Enter your email and password.';
      error.hidden = false;
      return;
    }
    var button = $('login-submit');
    button.disabled = true;
    button.textContent = 'Signing in…';
    api('/api/auth/login', { method: 'POST', body: { email: email, password: password } })
      .then(function () { return api('/api/auth/me'); })
      .then(function (me) {
        state.me = me;
        $('login-password').value = '';
        return enter();
      })
      .catch(function (err) {
        error.textContent = err && err.message ? err.message : 'Sign-in failed.';
        error.hidden = false;
        $('login-password').focus();
      })
      .then(function () {
        button.disabled = false;
        button.textContent = 'Sign in';
      });
  }

  function onLogout() {
    api('/api/auth/logout', { method: 'POST' }).catch(function () { return null; }).then(function () {
      state.overview = null;
      showLogin('');
    });
  }

  /* ---------------------------------------------------------------- cards */

  function cardSpecs() {
    return [
      { key: 'funnel', title: 'Funnel by stage', exportKey: 'funnel', charts: ['funnel'],
        hint: 'Initiatives in each stage at the end of the period (on hold included, killed not), and how many entered and left it during the period. Select a bar to list them.' },
      { key: 'gates', title: 'Gate decisions', exportKey: 'gates', charts: ['gates'],
        hint: 'Share of the decisions taken at each gate in the period. Conversion counts go and conditional go. Select a bar to list the initiatives.' },
      { key: 'cycle', title: 'Cycle time per stage', exportKey: 'cycle-times', charts: ['cycle'],
        hint: 'Days from entering a stage to entering the next one, for passages that ended in the period: median and 85th percentile.' },
      { key: 'balance', title: 'Balance against targets', exportKey: 'balance', charts: ['balance-ambition', 'balance-horizon'],
        hint: 'Share of the pipeline (explore to handover, not killed) in each ambition and horizon at the end of the period, next to the portfolio’s targets.' },
      { key: 'ecv', title: 'Expected commercial value', exportKey: 'ecv-ranking', charts: ['ecv'], wide: false,
        hint: 'ECV = ((NPV × Pcs − C) × Pts) − D of the active initiatives, highest first (the chart shows the top ' + ECV_TOP + ', the table all listed).' },
      { key: 'bubbles', title: 'Risk × reward', exportKey: 'bubbles', charts: ['bubbles'],
        hint: 'Active initiatives: probability of success (Pcs × Pts) against ECV. Bubble size is the remaining development cost, colour the ambition.' },
      { key: 'zombies', title: 'Zombie initiatives', exportKey: 'zombies', charts: [], wide: true,
        hint: 'Open gate reviews past their decision deadline, longest overdue first.' },
    ];
  }

  function buildCards() {
    if (state.cardsBuilt) return;
    var grid = clear($('cards'));
    cardSpecs().forEach(function (spec) {
      var card = h('article', { class: 'card' + (spec.wide ? ' card-wide' : ''), id: 'card-' + spec.key, 'aria-labelledby': 'title-' + spec.key },
        h('header', { class: 'card-head' },
          h('h2', { id: 'title-' + spec.key, text: spec.title }),
          PRINT ? null : h('a', {
            class: 'btn btn-small', id: 'csv-' + spec.exportKey, href: '#', download: true,
            'aria-label': 'Export ' + EXPORTS[spec.exportKey] + ' as CSV', text: 'CSV',
          })),
        h('p', { class: 'hint', text: PRINT ? spec.hint.replace(/ Select a bar to list (them|the initiatives)\./, '') : spec.hint }),
        spec.charts.length > 0
          ? h('div', { class: 'charts charts-' + spec.charts.length },
            spec.charts.map(function (c) { return h('div', { class: 'chart chart-' + c, id: 'chart-' + c, role: 'img', 'aria-label': spec.title }); }))
          : null,
        spec.charts.length > 0
          ? h('details', { class: 'data', id: 'data-' + spec.key, open: PRINT },
            h('summary', { text: 'Data table' }), h('div', { class: 'table-wrap', id: 'table-' + spec.key }))
          : h('div', { class: 'table-wrap', id: 'table-' + spec.key }));
      grid.appendChild(card);
    });
    state.cardsBuilt = true;
  }

  /* ---------------------------------------------------------------- loading */

  function refresh() {
    var f = state.filters;
    var problem = validateFilters(f);
    if (problem) {
      setStatus(problem, 'error');
      return Promise.resolve();
    }
    var seq = ++state.seq;
    document.body.dataset.busy = 'true';
    setStatus('Loading figures…', 'busy');
    if (!PRINT) history.replaceState(null, '', location.pathname + filtersSearch(f));
    updateLinks();
    return api(portfolioPath('/overview' + query(overviewParams(f)))).then(function (overview) {
      if (seq !== state.seq) return;
      state.overview = overview;
      render(overview);
      setStatus('', '');
      state.loads += 1;
      document.body.dataset.loads = String(state.loads);
      afterRender();
    }).catch(function (err) {
      if (seq === state.seq) handleError(err);
    }).then(function () {
      if (seq === state.seq) document.body.dataset.busy = 'false';
    });
  }

  function updateLinks() {
    var f = state.filters;
    var metricQuery = query(overviewParams(f));
    Object.keys(EXPORTS).forEach(function (key) {
      var link = $('csv-' + key);
      if (!link) return;
      link.href = portfolioPath('/export/' + key + '.csv' + metricQuery);
    });
    var print = $('print-link');
    if (print) print.href = '/print' + filtersSearch(f);
    var back = $('back-link');
    if (back) back.href = '/' + filtersSearch(f);
  }

  /* ---------------------------------------------------------------- rendering */

  function render(o) {
    state.narrow = isNarrow();
    var name = (o.portfolio && o.portfolio.name) || 'Portfolio';
    $('dashboard-title').textContent = name;
    document.title = (PRINT ? 'Management review · ' : '') + name + ' · Ambidex';
    var refreshed = o.refreshedAt ? 'Figures as of ' + fmtDateTime(o.refreshedAt) : 'The figures have not been computed yet.';
    if ($('refreshed')) $('refreshed').textContent = refreshed;
    if (PRINT) renderReportMeta(o);
    renderTiles(o);
    renderFunnel(o.funnel || []);
    renderGates(o.gates || []);
    renderCycle(o.cycleTimes || []);
    renderBalance(o.balance || { ambition: [], horizon: [] });
    renderEcv(o.ecvRanking || []);
    renderBubbles(o.bubbles || []);
    renderZombies(o.zombies || []);
  }

  function renderReportMeta(o) {
    var f = state.filters;
    var dl = clear($('report-meta'));
    var rows = [
      ['Period', fmtDate(f.from + 'T00:00:00Z') + ' – ' + fmtDate(f.to + 'T00:00:00Z')],
      ['Ambition', f.ambition ? ambitionLabel(f.ambition) : 'All'],
      ['Horizon', f.horizon || 'All'],
      ['Owner', f.ownerId || 'All'],
      ['Figures as of', fmtDateTime(o.refreshedAt)],
      ['Printed', fmtDateTime(new Date().toISOString())],
    ];
    rows.forEach(function (r) { dl.appendChild(h('div', null, h('dt', { text: r[0] }), h('dd', { text: r[1] }))); });
    var targets = o.portfolio || {};
    var foot = $('report-foot');
    if (foot) {
      foot.textContent = 'Targets: ambition ' + targetText(targets.ambitionTargets, AMBITIONS.map(ambitionLabel), AMBITIONS) +
        '; horizon ' + targetText(targets.horizonTargets, ['H1', 'H2', 'H3'], ['H1', 'H2', 'H3']) +
        '. Generated by Ambidex from the initiatives’ stage history, as an input to the management review (ISO 56001 9.3, ISO 9001 9.3).';
    }
  }

  function targetText(targets, labels, keys) {
    if (!targets) return '–';
    return keys.map(function (k, i) { return labels[i] + ' ' + (isNum(targets[k]) ? targets[k] + '%' : '–'); }).join(' / ');
  }

  function renderTiles(o) {
    var funnel = o.funnel || [];
    var total = funnel.reduce(function (sum, f) { return sum + (isNum(f.current) ? f.current : 0); }, 0);
    var learning = o.learning || {};
    var handover = o.handover || {};
    var tiles = [
      { key: 'initiatives', label: 'In the funnel', value: fmtInt(total), sub: 'initiatives now, all stages' },
      { key: 'velocity', label: 'Learning velocity', value: fmtDec2(learning.velocity), sub: 'assumptions resolved per initiative per 30 days' },
      { key: 'cost-per-learning', label: 'Cost per learning', value: fmtCompact(learning.costPerLearning), sub: 'mean experiment cost per learning' },
      { key: 'acceptance', label: 'Handover acceptance', value: fmtPct(handover.acceptanceRate),
        sub: handover.decided > 0 ? fmtInt(handover.accepted) + ' accepted of ' + fmtInt(handover.decided) + ' decided' : 'no handover decided in the period',
        drill: handover.decided > 0 ? select.handoverDecided() : null },
      { key: 'time-to-controlled', label: 'Time to controlled', value: fmtHours(handover.medianTimeToControlledHours),
        sub: 'median, final go to controlled records' },
      { key: 'zombies', label: 'Zombie reviews', value: fmtInt((o.zombies || []).length), sub: 'past their deadline, undecided',
        alert: (o.zombies || []).length > 0 },
    ];
    var box = clear($('tiles'));
    tiles.forEach(function (t) {
      box.appendChild(h('div', { class: 'tile' + (t.alert ? ' tile-alert' : ''), role: 'group', 'aria-labelledby': 'tile-' + t.key + '-label', dataset: { tile: t.key } },
        h('span', { class: 'tile-label', id: 'tile-' + t.key + '-label', text: t.label }),
        h('span', { class: 'tile-value' + (t.value === '–' ? ' tile-none' : ''), id: 'tile-' + t.key, text: t.value === '–' ? 'No data yet' : t.value }),
        t.drill ? drillButton(t.sub, 'List the handovers decided in the period', t.drill) : h('span', { class: 'tile-sub', text: t.sub })));
    });
  }

  /* ---- charts: shared pieces */

  function chartFor(key) {
    var el = $('chart-' + key);
    if (!el || typeof window.echarts === 'undefined') return null;
    var chart = state.charts[key];
    if (!chart || chart.isDisposed()) {
      chart = window.echarts.init(el, null, { renderer: PRINT ? 'svg' : 'canvas' });
      state.charts[key] = chart;
      if (typeof ResizeObserver !== 'undefined') {
        new ResizeObserver(function () {
          if (chart.isDisposed()) return;
          chart.resize();
          if (state.overview && state.narrow !== isNarrow()) render(state.overview);
        }).observe(el);
      }
    }
    return chart;
  }

  /** Phones get horizontal bars, so stage names have room to be read. */
  function isNarrow() {
    var el = $('cards');
    return !PRINT && !!el && el.clientWidth > 0 && el.clientWidth < 520;
  }

  /** Turns a vertical bar chart on its side: categories down the left, values along the bottom. */
  function horizontal(option, key, height) {
    var category = option.xAxis;
    option.xAxis = option.yAxis;
    option.yAxis = category;
    option.yAxis.inverse = true;
    option.series.forEach(function (s) {
      if (s.label && s.label.position === 'top') s.label.position = 'right';
      if (s.itemStyle) s.itemStyle.borderRadius = [0, 3, 3, 0];
      s.barMaxWidth = 14;
    });
    option.grid.right = 36;
    var el = $('chart-' + key);
    if (el) el.style.height = height + 'px';
    return option;
  }

  function vertical(key) {
    var el = $('chart-' + key);
    if (el) el.style.height = '';
  }

  function disposeCharts() {
    Object.keys(state.charts).forEach(function (k) { if (!state.charts[k].isDisposed()) state.charts[k].dispose(); });
    state.charts = {};
  }

  function baseOption() {
    return {
      animation: !PRINT,
      animationDuration: 400,
      textStyle: { fontFamily: FONT, color: COLORS.text },
      grid: { left: 8, right: 16, top: 44, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' },
      legend: { top: 4, left: 0, itemWidth: 12, itemHeight: 12, itemGap: 14, textStyle: { color: COLORS.muted, fontSize: 12 } },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true,
        textStyle: { fontFamily: FONT, fontSize: 12 },
      },
    };
  }

  function categoryAxis(labels, extra) {
    var axis = {
      type: 'category', data: labels,
      axisTick: { show: false }, axisLine: { lineStyle: { color: COLORS.axis } },
      axisLabel: { color: COLORS.muted, fontSize: 12, interval: 0, hideOverlap: false },
    };
    Object.keys(extra || {}).forEach(function (k) { axis[k] = extra[k]; });
    return axis;
  }

  function valueAxis(extra) {
    var axis = {
      type: 'value', splitLine: { lineStyle: { color: COLORS.grid } },
      axisLabel: { color: COLORS.muted, fontSize: 11, hideOverlap: true }, nameTextStyle: { color: COLORS.muted, fontSize: 11 },
    };
    if (PRINT) axis.splitNumber = 3; // short charts on paper: fewer, readable gridlines
    Object.keys(extra || {}).forEach(function (k) { axis[k] = extra[k]; });
    return axis;
  }

  function bar(name, data, color, extra) {
    var s = {
      name: name, type: 'bar', data: data, itemStyle: { color: color, borderRadius: [3, 3, 0, 0] },
      barMaxWidth: 30, barGap: '15%', emphasis: { focus: 'none' }, cursor: PRINT ? 'default' : 'pointer',
    };
    Object.keys(extra || {}).forEach(function (k) { s[k] = extra[k]; });
    return s;
  }

  function setChart(key, option, onClick, ariaLabel) {
    var chart = chartFor(key);
    var el = $('chart-' + key);
    if (el && ariaLabel) el.setAttribute('aria-label', ariaLabel);
    if (!chart) return;
    chart.setOption(option, true);
    chart.off('click');
    if (onClick && !PRINT) chart.on('click', onClick);
  }

  function emptyGraphic(empty, text) {
    return empty ? [{ type: 'text', left: 'center', top: 'middle', style: { text: text || 'No data for these filters', fill: COLORS.muted, fontSize: 13 } }] : [];
  }

  function table(headers, rows, options) {
    options = options || {};
    var t = h('table', { class: 'data-table' + (options.compact ? ' compact' : '') },
      options.caption ? h('caption', { text: options.caption }) : null,
      h('thead', null, h('tr', null, headers.map(function (hd, i) {
        return h('th', { scope: 'col', class: options.numeric && options.numeric[i] ? 'num' : null, text: hd });
      }))),
      h('tbody', null, rows.length === 0
        ? h('tr', null, h('td', { colspan: headers.length, class: 'empty', text: options.empty || 'Nothing to show for these filters.' }))
        : rows.map(function (cells) {
          return h('tr', null, cells.map(function (c, i) {
            return h(i === 0 ? 'th' : 'td', { scope: i === 0 ? 'row' : null, class: options.numeric && options.numeric[i] ? 'num' : null }, c);
          }));
        })));
    return t;
  }

  function setTable(key, node) { append(clear($('table-' + key)), node); }

  /** A button in a data table that opens the same list as clicking the chart element. */
  function drillButton(text, label, selection) {
    if (PRINT) return text;
    return h('button', { type: 'button', class: 'link-btn', 'aria-label': label, text: text, onclick: function () { drilldown(selection); } });
  }

  /* ---- funnel */

  function renderFunnel(funnel) {
    var labels = funnel.map(function (f) { return stageLabel(f.stage); });
    var option = baseOption();
    option.xAxis = categoryAxis(labels);
    option.yAxis = valueAxis({ minInterval: 1 });
    option.series = [
      bar('Now in stage', funnel.map(function (f) { return f.current; }), COLORS.current,
        { label: { show: true, position: 'top', color: COLORS.text, fontSize: 11 } }),
      bar('Inflow', funnel.map(function (f) { return f.inflow; }), COLORS.inflow),
      bar('Outflow', funnel.map(function (f) { return f.outflow; }), COLORS.outflow),
    ];
    option.graphic = emptyGraphic(funnel.length === 0);
    if (state.narrow) horizontal(option, 'funnel', 380); else vertical('funnel');
    setChart('funnel', option, function (p) {
      var f = funnel[p.dataIndex];
      if (!f) return;
      drilldown(p.seriesIndex === 1 ? select.entered(f.stage) : p.seriesIndex === 2 ? select.left(f.stage) : select.inStage(f.stage));
    }, 'Funnel by stage: ' + funnel.map(function (f) { return stageLabel(f.stage) + ' ' + f.current + ' now, ' + f.inflow + ' in, ' + f.outflow + ' out'; }).join('; '));
    setTable('funnel', table(['Stage', 'Now', 'Inflow', 'Outflow'], funnel.map(function (f) {
      var name = stageLabel(f.stage);
      return [name,
        drillButton(fmtInt(f.current), 'List initiatives in ' + name, select.inStage(f.stage)),
        drillButton(fmtInt(f.inflow), 'List initiatives that entered ' + name, select.entered(f.stage)),
        drillButton(fmtInt(f.outflow), 'List initiatives that left ' + name, select.left(f.stage))];
    }), { numeric: [false, true, true, true] }));
  }

  /* ---- gates */

  function renderGates(gates) {
    var option = baseOption();
    option.xAxis = categoryAxis(gates.map(function (g) { return g.gate; }));
    option.yAxis = valueAxis({ min: 0, max: 1, interval: PRINT ? 0.25 : 0.2, axisLabel: { color: COLORS.muted, fontSize: 11, formatter: function (v) { return Math.round(v * 100) + '%'; } } });
    option.tooltip.formatter = function (items) {
      var g = gates[items[0] ? items[0].dataIndex : 0];
      if (!g) return '';
      var lines = ['<strong>' + esc(g.gate) + '</strong> · ' + fmtInt(g.decisions) + ' decisions'];
      items.forEach(function (it) { lines.push(it.marker + esc(it.seriesName) + ': <strong>' + fmtPct(it.value) + '</strong>'); });
      return lines.join('<br>');
    };
    option.series = GATE_SERIES.map(function (s, i) {
      return bar(s.name, gates.map(function (g) { return isNum(g[s.field]) ? g[s.field] : null; }), s.color,
        { label: { show: true, position: 'top', fontSize: 10, color: COLORS.muted, formatter: function (p) { return isNum(p.value) && p.value > 0 ? fmtPct(p.value) : ''; } } });
    });
    option.graphic = emptyGraphic(gates.length === 0);
    if (state.narrow) horizontal(option, 'gates', 360); else vertical('gates');
    setChart('gates', option, function (p) {
      var g = gates[p.dataIndex];
      var s = GATE_SERIES[p.seriesIndex];
      if (g && s) drilldown(select.decided(g.gate, s.decisions));
    }, 'Gate decisions: ' + gates.map(function (g) { return g.gate + ' conversion ' + fmtPct(g.conversionRate) + ', kill ' + fmtPct(g.killRate); }).join('; '));
    setTable('gates', table(['Gate', 'Decisions', 'Go', 'Cond. go', 'Kill', 'Hold', 'Recycle', 'Conversion', 'Kill rate', 'Recycle rate', 'Hold rate'],
      gates.map(function (g) {
        return [g.gate, fmtInt(g.decisions),
          drillButton(fmtInt(g.go), 'List go decisions at ' + g.gate, select.decided(g.gate, ['go'])),
          drillButton(fmtInt(g.conditionalGo), 'List conditional go decisions at ' + g.gate, select.decided(g.gate, ['conditional_go'])),
          drillButton(fmtInt(g.kill), 'List kill decisions at ' + g.gate, select.decided(g.gate, ['kill'])),
          drillButton(fmtInt(g.hold), 'List hold decisions at ' + g.gate, select.decided(g.gate, ['hold'])),
          drillButton(fmtInt(g.recycle), 'List recycle decisions at ' + g.gate, select.decided(g.gate, ['recycle'])),
          fmtPct(g.conversionRate), fmtPct(g.killRate), fmtPct(g.recycleRate), fmtPct(g.holdRate)];
      }), { numeric: [false, true, true, true, true, true, true, true, true, true, true], compact: true }));
  }

  /* ---- cycle times */

  function renderCycle(cycle) {
    var option = baseOption();
    option.xAxis = categoryAxis(cycle.map(function (c) { return stageLabel(c.stage); }));
    option.yAxis = valueAxis({ axisLabel: { color: COLORS.muted, fontSize: 11, formatter: function (v) { return v + ' d'; } } });
    option.tooltip.formatter = function (items) {
      var c = cycle[items[0] ? items[0].dataIndex : 0];
      if (!c) return '';
      return ['<strong>' + esc(stageLabel(c.stage)) + '</strong> · ' + fmtInt(c.samples) + ' stays'].concat(items.map(function (it) {
        return it.marker + esc(it.seriesName) + ': <strong>' + fmtDays(it.value) + '</strong>';
      })).join('<br>');
    };
    var label = { show: true, position: 'top', fontSize: 10, color: COLORS.muted, formatter: function (p) { return isNum(p.value) ? dec1.format(p.value) : ''; } };
    option.series = [
      bar('Median', cycle.map(function (c) { return isNum(c.medianDays) ? c.medianDays : null; }), COLORS.median, { label: label }),
      bar('85th percentile', cycle.map(function (c) { return isNum(c.p85Days) ? c.p85Days : null; }), COLORS.p85, { label: label }),
    ];
    option.graphic = emptyGraphic(cycle.length === 0);
    if (state.narrow) horizontal(option, 'cycle', 340); else vertical('cycle');
    setChart('cycle', option, function (p) {
      var c = cycle[p.dataIndex];
      if (c) drilldown(select.passed(c.stage));
    }, 'Cycle time per stage: ' + cycle.map(function (c) { return stageLabel(c.stage) + ' median ' + fmtDays(c.medianDays) + ', p85 ' + fmtDays(c.p85Days); }).join('; '));
    setTable('cycle', table(['Stage', 'Median', '85th percentile', 'Stays'], cycle.map(function (c) {
      return [drillButton(stageLabel(c.stage), 'List initiatives that passed through ' + stageLabel(c.stage), select.passed(c.stage)),
        fmtDays(c.medianDays), fmtDays(c.p85Days), fmtInt(c.samples)];
    }), { numeric: [false, true, true, true] }));
  }

  /* ---- balance */

  function renderBalance(balance) {
    balanceChart('balance-ambition', 'ambition', balance.ambition || [], ambitionLabel, function (a) {
      var el = $('chart-balance-ambition');
      return el && el.clientWidth < 420 && a === 'transformational' ? 'Transform.' : ambitionLabel(a);
    });
    balanceChart('balance-horizon', 'horizon', balance.horizon || [], function (b) { return b; });
    var rows = [];
    (balance.ambition || []).forEach(function (b) { rows.push(balanceRow('ambition', b, ambitionLabel(b.bucket))); });
    (balance.horizon || []).forEach(function (b) { rows.push(balanceRow('horizon', b, b.bucket)); });
    setTable('balance', table(['Bucket', 'Initiatives', 'Share', 'Target', 'Gap'], rows, { numeric: [false, true, true, true, true] }));
  }

  function balanceRow(dimension, b, label) {
    var gap = isNum(b.share) && isNum(b.target) ? b.share - b.target : null;
    return [drillButton(label, 'List ' + label + ' initiatives in the pipeline', select.bucket(dimension, b.bucket)),
      fmtInt(b.count), fmtPct(b.share), fmtPct(b.target), gap === null ? '–' : (gap > 0 ? '+' : '') + (Math.round(gap * 1000) / 10) + ' pts'];
  }

  function balanceChart(key, dimension, buckets, labelOf, axisLabelOf) {
    var option = baseOption();
    option.title = { text: dimension === 'ambition' ? 'Ambition' : 'Horizon', left: 'right', top: 4, textStyle: { fontSize: 12, fontWeight: 600, color: COLORS.muted } };
    option.xAxis = categoryAxis(buckets.map(function (b) { return (axisLabelOf || labelOf)(b.bucket); }));
    var maxShare = buckets.reduce(function (m, b) { return Math.max(m, b.share || 0, b.target || 0); }, 0);
    option.yAxis = valueAxis({ min: 0, max: maxShare > 0.8 ? 1 : Math.ceil((maxShare + 0.05) * 10) / 10, axisLabel: { color: COLORS.muted, fontSize: 11, formatter: function (v) { return Math.round(v * 100) + '%'; } } });
    option.tooltip.formatter = function (items) {
      var b = buckets[items[0] ? items[0].dataIndex : 0];
      if (!b) return '';
      return '<strong>' + esc(labelOf(b.bucket)) + '</strong> · ' + fmtInt(b.count) + ' initiatives<br>' +
        'Actual: <strong>' + fmtPct(b.share) + '</strong><br>Target: <strong>' + fmtPct(b.target) + '</strong>';
    };
    var pctLabel = { show: true, position: 'top', fontSize: 10, color: COLORS.muted, formatter: function (p) { return isNum(p.value) ? fmtPct(p.value) : ''; } };
    option.series = [
      bar('Actual', buckets.map(function (b) { return { value: b.share, itemStyle: { color: COLORS[b.bucket] || COLORS.current } }; }), COLORS.current, { label: pctLabel }),
      bar('Target', buckets.map(function (b) { return b.target; }), COLORS.target, { label: pctLabel, itemStyle: { color: COLORS.target, borderRadius: [3, 3, 0, 0], borderColor: '#aab2c4', borderWidth: 1, borderType: 'dashed' } }),
    ];
    option.legend.data = [{ name: 'Actual', itemStyle: { color: dimension === 'ambition' ? COLORS.core : COLORS.H1 } }, 'Target'];
    option.graphic = emptyGraphic(buckets.length === 0);
    setChart(key, option, function (p) {
      var b = buckets[p.dataIndex];
      if (b) drilldown(select.bucket(dimension, b.bucket));
    }, 'Balance by ' + dimension + ': ' + buckets.map(function (b) { return labelOf(b.bucket) + ' ' + fmtPct(b.share) + ' against a target of ' + fmtPct(b.target); }).join('; '));
  }

  /* ---- ECV ranking */

  function renderEcv(ranking) {
    var top = ranking.slice(0, ECV_TOP);
    var option = baseOption();
    option.legend = { show: false };
    option.grid = { left: 8, right: 56, top: 8, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' };
    option.yAxis = categoryAxis(top.map(function (r) { return truncate(r.title, PRINT ? 30 : 26); }), { inverse: true, axisLabel: { color: COLORS.text, fontSize: 11, interval: 0 } });
    option.xAxis = valueAxis({ splitNumber: state.narrow ? 3 : 5, axisLabel: { color: COLORS.muted, fontSize: 11, hideOverlap: true, formatter: function (v) { return fmtCompact(v); } } });
    option.tooltip.formatter = function (items) {
      var r = top[items[0] ? items[0].dataIndex : 0];
      if (!r) return '';
      return '<strong>' + esc(r.title) + '</strong><br>ECV: <strong>' + fmtMoney(r.ecv) + '</strong><br>' + esc(stageLabel(r.stage)) + ' · ' + esc(statusLabel(r.status));
    };
    option.series = [bar('ECV', top.map(function (r) {
      return { value: r.ecv, itemStyle: { color: r.ecv < 0 ? COLORS.negative : COLORS.current, borderRadius: r.ecv < 0 ? [3, 0, 0, 3] : [0, 3, 3, 0] } };
    }), COLORS.current, { barMaxWidth: 18, label: { show: true, position: 'right', fontSize: 10, color: COLORS.muted, formatter: function (p) { return fmtCompact(p.value); } } })];
    option.graphic = emptyGraphic(top.length === 0, 'No initiative has complete financials');
    var el = $('chart-ecv');
    if (el) el.style.height = Math.max(PRINT ? 150 : 240, 40 + top.length * (PRINT ? 18 : 26)) + 'px';
    setChart('ecv', option, function (p) {
      var r = top[p.dataIndex];
      if (r) showInitiatives([{ id: r.initiativeId, title: r.title, stage: r.stage, status: r.status, ecv: r.ecv }], r.title, select.inStage(r.stage));
    }, 'ECV ranking: ' + top.map(function (r, i) { return (i + 1) + '. ' + r.title + ' ' + fmtMoney(r.ecv); }).join('; '));
    if (state.charts.ecv) state.charts.ecv.resize();
    setTable('ecv', table(['#', 'Initiative', 'Stage', 'Status', 'ECV'], ranking.map(function (r, i) {
      return [String(i + 1), PRINT ? r.title : h('button', {
        type: 'button', class: 'link-btn', text: r.title, 'aria-label': 'Show ' + r.title,
        onclick: function () { showInitiatives([{ id: r.initiativeId, title: r.title, stage: r.stage, status: r.status, ecv: r.ecv }], r.title, select.inStage(r.stage)); },
      }), stageLabel(r.stage), statusLabel(r.status), fmtMoney(r.ecv)];
    }), { numeric: [true, false, false, false, true], empty: 'No initiative has complete financials.' }));
  }

  /* ---- bubbles */

  function renderBubbles(bubbles) {
    var maxCost = bubbles.reduce(function (m, b) { return Math.max(m, isNum(b.remainingCost) ? b.remainingCost : 0); }, 0);
    var option = baseOption();
    option.grid = { left: 8, right: 24, top: 44, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'all' };
    option.tooltip = {
      trigger: 'item', confine: true, textStyle: { fontFamily: FONT, fontSize: 12 },
      formatter: function (p) {
        var b = p.data && p.data.bubble;
        if (!b) return '';
        return '<strong>' + esc(b.title) + '</strong><br>' + esc(ambitionLabel(b.ambition)) +
          '<br>Probability of success: <strong>' + fmtPct(b.probability) + '</strong><br>ECV: <strong>' + fmtMoney(b.ecv) +
          '</strong><br>Remaining cost: <strong>' + fmtMoney(b.remainingCost) + '</strong>';
      },
    };
    option.xAxis = valueAxis({ min: 0, max: 1, interval: PRINT ? 0.25 : 0.2, name: 'probability of success', nameLocation: 'middle', nameGap: 24,
      axisLabel: { color: COLORS.muted, fontSize: 11, formatter: function (v) { return Math.round(v * 100) + '%'; } } });
    option.yAxis = valueAxis({ boundaryGap: ['12%', '12%'], axisLabel: { color: COLORS.muted, fontSize: 11, formatter: function (v) { return fmtCompact(v); } } });
    option.series = AMBITIONS.map(function (a) {
      return {
        name: ambitionLabel(a), type: 'scatter', cursor: PRINT ? 'default' : 'pointer',
        itemStyle: { color: COLORS[a], opacity: 0.75, borderColor: '#fff', borderWidth: 1 },
        emphasis: { focus: 'series', itemStyle: { opacity: 1 } },
        symbolSize: function (value, p) {
          var cost = p && p.data && p.data.bubble ? p.data.bubble.remainingCost : 0;
          return maxCost > 0 && isNum(cost) ? 10 + 38 * Math.sqrt(Math.max(cost, 0) / maxCost) : 14;
        },
        data: bubbles.filter(function (b) { return b.ambition === a; }).map(function (b) {
          return { value: [b.probability, b.ecv], name: b.title, bubble: b };
        }),
      };
    });
    option.graphic = emptyGraphic(bubbles.length === 0, 'No initiative has complete financials');
    setChart('bubbles', option, function (p) {
      var b = p.data && p.data.bubble;
      if (b) showInitiatives([{ id: b.initiativeId, title: b.title, ambition: b.ambition, ecv: b.ecv, probability: b.probability, remainingCost: b.remainingCost }], b.title, select.bucket('ambition', b.ambition));
    }, 'Risk and reward of ' + bubbles.length + ' initiatives: probability of success against ECV, sized by remaining cost.');
    setTable('bubbles', table(['Initiative', 'Ambition', 'Probability', 'ECV', 'Remaining cost'], bubbles.map(function (b) {
      return [b.title, ambitionLabel(b.ambition), fmtPct(b.probability), fmtMoney(b.ecv), fmtMoney(b.remainingCost)];
    }), { numeric: [false, false, true, true, true], empty: 'No initiative has complete financials.' }));
  }

  /* ---- zombies */

  function renderZombies(zombies) {
    var now = Date.now();
    setTable('zombies', table(['Initiative', 'Gate', 'Deadline', 'Overdue'], zombies.map(function (z) {
      var overdue = z.deadlineAt ? Math.floor((now - new Date(z.deadlineAt).getTime()) / 86400000) : null;
      return [z.title, z.gate, fmtDate(z.deadlineAt), isNum(overdue) ? (overdue < 1 ? 'today' : overdue + (overdue === 1 ? ' day' : ' days')) : '–'];
    }), { numeric: [false, false, false, true], empty: 'No gate review is past its deadline. Good.' }));
  }

  /* ---------------------------------------------------------------- click-through */

  function decisionQueries(gate, decisions) {
    return decisions.map(function (d) { return { gate: gate, decision: d }; });
  }

  function decisionsText(decisions) {
    var names = decisions.map(function (d) { return DECISION_LABELS[d].toLowerCase(); });
    return names.length > 1 ? names.slice(0, -1).join(', ') + ' or ' + names[names.length - 1] : names[0];
  }

  /**
   * What each chart element stands for, as queries of the click-through endpoint (their union is the list):
   * a title, a sentence saying who is listed, and the queries. Each is the exact set behind the figure.
   */
  var select = {
    /** funnel.current: in the stage and not killed (on hold counts; handed over counts in in_operation). */
    inStage: function (stage) {
      return {
        title: 'In ' + stageLabel(stage),
        subtitle: 'Initiatives in ' + stageLabel(stage) + ' now, on hold included, killed not.',
        queries: ['active', 'on_hold', 'handed_over'].map(function (status) { return { stage: stage, status: status }; }),
      };
    },
    /** funnel.inflow: moved into the stage in the period (created, a go, a rejected or accepted handover). */
    entered: function (stage) {
      return {
        title: 'Entered ' + stageLabel(stage),
        subtitle: 'Moved into ' + stageLabel(stage) + ' in the period.',
        queries: [{ entered: stage }], period: true,
      };
    },
    /** funnel.outflow: moved on, back, or were killed in the stage in the period. */
    left: function (stage) {
      return {
        title: 'Left ' + stageLabel(stage),
        subtitle: 'Moved out of ' + stageLabel(stage) + ' (onwards, back, or killed in it) in the period.',
        queries: [{ left: stage }], period: true,
      };
    },
    /** Cycle time: passages through the stage that ended in the period. */
    passed: function (stage) {
      return {
        title: 'Passed through ' + stageLabel(stage),
        subtitle: 'Completed a passage through ' + stageLabel(stage) + ' that ended in the period (the cycle-time samples).',
        queries: [{ passed: stage }], period: true,
      };
    },
    /** Handover acceptance: packages decided in the period. */
    handoverDecided: function () {
      return {
        title: 'Handovers decided',
        subtitle: 'Their handover package was accepted, accepted on conditions or rejected in the period.',
        queries: [{ handover: 'decided' }], period: true,
      };
    },
    decided: function (gate, decisions) {
      var text = decisionsText(decisions);
      return {
        title: text.charAt(0).toUpperCase() + text.slice(1) + ' at ' + gate,
        subtitle: 'Received a ' + text + ' decision at ' + gate + ' in the period.',
        queries: decisionQueries(gate, decisions), period: true,
      };
    },
    /** Balance: in the pipeline (explore to handover, not killed) with this ambition or horizon. */
    bucket: function (dimension, bucket) {
      var label = dimension === 'ambition' ? ambitionLabel(bucket) : bucket;
      return {
        title: label + (dimension === 'ambition' ? ' ambition' : ' horizon'),
        subtitle: 'In the pipeline now (explore to handover, not killed) with ' + dimension + ' ' + label + '.',
        queries: ['active', 'on_hold'].map(function (status) { var q = { status: status }; q[dimension] = bucket; return q; }),
      };
    },
  };


  /** Opens the side panel with the union of the selection's queries, highest ECV first. */
  function drilldown(selection) {
    if (PRINT || !state.filters) return;
    var base = overviewParams(state.filters);
    openDrilldown(selection.title, selection.subtitle, describeSlicers(base, selection.period));
    $('drilldown-csv').hidden = true;
    var body = clear($('drilldown-body'));
    body.appendChild(h('p', { class: 'muted', role: 'status', text: 'Loading initiatives…' }));
    var seq = ++state.drillSeq;
    Promise.all(selection.queries.map(function (q) {
      var params = {};
      Object.keys(base).forEach(function (k) { params[k] = base[k]; });
      Object.keys(q).forEach(function (k) { params[k] = q[k]; });
      params.limit = DRILLDOWN_LIMIT;
      return api(portfolioPath('/initiatives' + query(params)));
    })).then(function (lists) {
      if (seq !== state.drillSeq) return;
      var seen = {};
      var list = [];
      lists.forEach(function (rows) {
        (Array.isArray(rows) ? rows : []).forEach(function (row) {
          if (!seen[row.id]) { seen[row.id] = true; list.push(row); }
        });
      });
      list.sort(function (a, b) {
        var ea = isNum(a.ecv) ? a.ecv : -Infinity;
        var eb = isNum(b.ecv) ? b.ecv : -Infinity;
        return eb - ea || String(a.title).localeCompare(String(b.title));
      });
      renderInitiativeList(list);
      offerCsv(list, selection.title);
    }).catch(function (err) {
      if (err && err.status === 401) return showLogin('Your session has ended. Sign in again.');
      clear(body).appendChild(h('p', { class: 'error', role: 'alert', text: err.message }));
    });
  }

  /** The one initiative behind a bar or bubble (ECV ranking, risk × reward), with a way to its neighbours. */
  function showInitiatives(list, label, related) {
    if (PRINT) return;
    state.drillSeq += 1;
    openDrilldown(label, 'The initiative behind this figure.', '');
    $('drilldown-csv').hidden = true;
    renderInitiativeList(list);
    $('drilldown-body').appendChild(h('p', null, h('button', {
      type: 'button', class: 'btn btn-small', text: 'Show all: ' + related.title,
      onclick: function () { drilldown(related); },
    })));
  }

  /** The listed initiatives as a CSV file, made in the browser (the same quoting rules as the API's exports). */
  function offerCsv(list, title) {
    var link = $('drilldown-csv');
    if (state.csvUrl) URL.revokeObjectURL(state.csvUrl);
    state.csvUrl = null;
    if (list.length === 0) return;
    var columns = ['id', 'title', 'stage', 'status', 'ambition', 'horizon', 'ecv'];
    var lines = [columns.join(',')].concat(list.map(function (row) {
      return columns.map(function (c) { return csvCell(row[c]); }).join(',');
    }));
    state.csvUrl = URL.createObjectURL(new Blob([lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' }));
    link.href = state.csvUrl;
    link.setAttribute('download', 'initiatives-' + title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') + '.csv');
    link.hidden = false;
  }

  function csvCell(value) {
    if (value === null || value === undefined) return '';
    var text = String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  /** The dashboard's own filters that also narrow the list. */
  function describeSlicers(params, withPeriod) {
    var parts = [];
    if (withPeriod && (params.from || params.to)) parts.push('period ' + periodText(params.from, params.to));
    if (params.ambition) parts.push('ambition ' + ambitionLabel(params.ambition).toLowerCase());
    if (params.horizon) parts.push('horizon ' + params.horizon);
    if (params.ownerId) parts.push('owner ' + params.ownerId);
    return parts.length > 0 ? 'Dashboard filters: ' + parts.join(', ') + '.' : '';
  }

  function periodText(from, to) {
    if (from && to) return fmtDate(from + 'T00:00:00Z') + ' – ' + fmtDate(to + 'T00:00:00Z');
    if (from) return 'since ' + fmtDate(from + 'T00:00:00Z');
    return 'until ' + fmtDate(to + 'T00:00:00Z');
  }

  function openDrilldown(title, subtitle, slicers) {
    var panel = $('drilldown');
    if (panel.hidden) state.lastFocus = document.activeElement;
    $('drilldown-title').textContent = title;
    $('drilldown-filter').textContent = subtitle;
    $('drilldown-slicers').textContent = slicers || '';
    $('drilldown-slicers').hidden = !slicers;
    panel.hidden = false;
    document.body.classList.add('drawer-open');
    $('drilldown-title').focus();
  }

  function closeDrilldown() {
    var panel = $('drilldown');
    if (!panel || panel.hidden) return;
    panel.hidden = true;
    document.body.classList.remove('drawer-open');
    if (state.lastFocus && document.contains(state.lastFocus)) state.lastFocus.focus();
    state.lastFocus = null;
  }

  function renderInitiativeList(list) {
    var body = clear($('drilldown-body'));
    body.appendChild(h('p', { class: 'muted small', id: 'drilldown-count', role: 'status',
      text: list.length === 0 ? 'No initiatives match.' : list.length + (list.length === 1 ? ' initiative' : ' initiatives') + (list.length >= DRILLDOWN_LIMIT ? ' (the first ' + DRILLDOWN_LIMIT + ')' : '') }));
    if (list.length === 0) return;
    body.appendChild(h('ul', { class: 'initiative-list', 'aria-label': 'Initiatives' }, list.map(function (i) {
      var facts = [];
      if (i.stage) facts.push(stageLabel(i.stage));
      if (i.status) facts.push(statusLabel(i.status));
      if (i.ambition) facts.push(ambitionLabel(i.ambition));
      if (i.horizon) facts.push(i.horizon);
      if (isNum(i.probability)) facts.push('P(success) ' + fmtPct(i.probability));
      if (isNum(i.remainingCost)) facts.push('remaining cost ' + fmtMoney(i.remainingCost));
      return h('li', { class: 'initiative', dataset: { id: i.id } },
        h('div', { class: 'initiative-main' },
          h('span', { class: 'initiative-title', text: i.title }),
          h('span', { class: 'initiative-facts', text: facts.join(' · ') })),
        h('span', { class: 'initiative-ecv', title: 'Expected commercial value' }, isNum(i.ecv) ? 'ECV ' + fmtCompact(i.ecv) : 'ECV –'));
    })));
  }

  /* ---------------------------------------------------------------- print */

  function afterRender() {
    if (!PRINT || state.printed) return;
    if (new URLSearchParams(location.search).get('print') !== '1') return;
    state.printed = true;
    // Let the SVG charts settle before the dialog snapshots the page.
    setTimeout(function () { window.print(); }, 400);
  }

  /* ---------------------------------------------------------------- wiring */

  function wire() {
    $('login-form').addEventListener('submit', onLogin);
    if ($('logout')) $('logout').addEventListener('click', onLogout);
    if ($('print-now')) $('print-now').addEventListener('click', function () { window.print(); });
    if (PRINT) return;
    $('filters').addEventListener('submit', function (event) {
      event.preventDefault();
      state.filters = readForm();
      closeDrilldown();
      refresh();
    });
    $('f-portfolio').addEventListener('change', function () {
      state.filters = readForm();
      closeDrilldown();
      refresh();
    });
    $('f-reset').addEventListener('click', function () {
      var portfolio = state.filters ? state.filters.portfolio : '';
      state.filters = defaultFilters();
      state.filters.portfolio = portfolio;
      writeForm(state.filters);
      closeDrilldown();
      refresh();
    });
    $('drilldown-close').addEventListener('click', closeDrilldown);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') closeDrilldown();
    });
  }

  function boot() {
    wire();
    if (typeof window.echarts === 'undefined') {
      document.body.dataset.charts = 'missing';
    }
    api('/api/auth/me').then(function (me) {
      state.me = me;
      return enter();
    }, function (err) {
      if (err.status === 401) return showLogin('');
      show('login');
      $('login-error').textContent = err.message;
      $('login-error').hidden = false;
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
  else boot();
})();
