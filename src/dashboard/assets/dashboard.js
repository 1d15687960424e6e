// 公文督办 督查看板: plain browser JavaScript, no framework. Data arrives over Server-Sent
// Events (/live/*); every stream remembers the id of the last message it applied and resumes
// from it, whether EventSource reconnects by itself (Last-Event-ID) or we open a new one (?from=).
(function () {
  'use strict';

  var TOKEN_KEY = 'gongwen.dashboard.token';
  var $ = function (id) { return document.getElementById(id); };
  var state = {
    token: sessionStorage.getItem(TOKEN_KEY) || '',
    streams: {},       // name -> { source, path, lastId, retryTimer, handlers }
    items: new Map(),  // 'source:documentId' -> that item's overdue/soon-due obligations
    selected: null,    // { source, documentId, title } whose timeline is open
    timeline: [],
    summary: null,
    filter: { unit: '', leader: '' },
  };

  // ---- streams ------------------------------------------------------------------------

  function open(name, path, handlers) {
    close(name);
    state.streams[name] = { path: path, lastId: '', handlers: handlers, source: null, retryTimer: 0, delay: 1000 };
    connect(name);
  }

  function close(name) {
    var s = state.streams[name];
    if (!s) return;
    clearTimeout(s.retryTimer);
    if (s.source) s.source.close();
    delete state.streams[name];
  }

  function connect(name) {
    var s = state.streams[name];
    if (!s || !state.token) return;
    var url = s.path + (s.path.indexOf('?') < 0 ? '?' : '&') + 'access_token=' + encodeURIComponent(state.token);
    if (s.lastId) url += '&from=' + encodeURIComponent(s.lastId);
    var source = new EventSource(url);
    s.source = source;
    source.onopen = function () { s.delay = 1000; updateStatus(); };
    source.onerror = function () {
      updateStatus();
      // CLOSED: the browser gave up (e.g. a 503 while the server restarted); we reopen with ?from=.
      if (source.readyState === EventSource.CLOSED) retry(name, source);
    };
    Object.keys(s.handlers).forEach(function (event) {
      source.addEventListener(event, function (e) {
        if (e.lastEventId) s.lastId = e.lastEventId;
        s.handlers[event](JSON.parse(e.data));
      });
    });
    source.addEventListener('close', function (e) {
      var info = JSON.parse(e.data);
      if (info.reason === 'token_expired') {
        source.close();
        showLogin('令牌已过期,请粘贴新的令牌。');
      }
      // Other reasons: the server ended the stream; EventSource reconnects with Last-Event-ID.
      updateStatus();
    });
  }

  function retry(name, source) {
    var s = state.streams[name];
    if (!s || s.source !== source) return;
    s.retryTimer = setTimeout(function () {
      probe(s.path).then(function (status) {
        if (status === 401) return showLogin('令牌无效或已过期,请重新粘贴令牌。');
        if (status === 403 || status === 404) return;
        connect(name);
      });
    }, s.delay);
    s.delay = Math.min(s.delay * 2, 15000);
  }

  // Why did the stream fail? Ask with the token in a header and look only at the status.
  function probe(path) {
    var abort = new AbortController();
    return fetch(path, { headers: { Authorization: 'Bearer ' + state.token }, signal: abort.signal })
      .then(function (res) { abort.abort(); return res.status; })
      .catch(function () { return 0; });
  }

  function updateStatus() {
    var sources = Object.keys(state.streams).map(function (n) { return state.streams[n].source; }).filter(Boolean);
    var el = $('status');
    if (!state.token || sources.length === 0) { el.textContent = '未连接'; el.className = 'status off'; return; }
    var live = sources.every(function (s) { return s.readyState === EventSource.OPEN; });
    el.textContent = live ? '实时更新中' : '正在重新连接…';
    el.className = 'status ' + (live ? 'live' : 'retry');
  }

  // ---- summary: counters and on-time rates ----------------------------------------------

  // A partial update carries only the unit rows that changed (and those removed).
  function onSummary(update) {
    var summary = update.partial && state.summary ? merge(state.summary, update) : update;
    state.summary = summary;
    var body = $('units').tBodies[0];
    body.textContent = '';
    summary.units.forEach(function (u) {
      var row = body.insertRow();
      cell(row, u.unitName || u.unit);
      cell(row, u.red, 'num' + (u.red ? ' red' : ''));
      cell(row, u.yellow, 'num' + (u.yellow ? ' yellow' : ''));
      cell(row, u.green, 'num');
    });
    $('total-red').textContent = summary.totals.red;
    $('total-yellow').textContent = summary.totals.yellow;
    $('total-normal').textContent = summary.totals.green;
    $('units-empty').hidden = summary.units.length > 0;
    if (summary.performanceRange) $('rates-range').textContent = summary.performanceRange.from + ' 至 ' + summary.performanceRange.to + '交办的事项;按时办结率 = 按时办结 / (已办结 + 当前逾期)';
    renderUnitOptions(summary.units);
    renderRates(summary.performance || []);
  }

  function merge(current, update) {
    var next = Object.assign({}, update, { partial: false });
    next.units = upsert(current.units, update.units, update.removed.units);
    next.performance = upsert(current.performance, update.performance, update.removed.performance);
    next.units.sort(function (a, b) { return b.red - a.red || b.yellow - a.yellow || a.unit.localeCompare(b.unit); });
    return next;
  }

  function upsert(rows, changed, removed) {
    var byUnit = {};
    changed.forEach(function (r) { byUnit[r.unit] = r; });
    var out = rows.filter(function (r) { return removed.indexOf(r.unit) < 0; }).map(function (r) {
      var c = byUnit[r.unit];
      delete byUnit[r.unit];
      return c || r;
    });
    return out.concat(Object.keys(byUnit).map(function (u) { return byUnit[u]; }));
  }

  // Filter choices grow with the units (and their 分管领导) the summary has shown.
  function renderUnitOptions(units) {
    units.forEach(function (u) {
      addOption($('filter-unit'), u.unit, u.unitName || u.unit);
      if (u.leader) addOption($('filter-leader'), u.leader, u.leaderName || u.leader);
    });
  }

  function addOption(select, value, label) {
    if (Array.prototype.some.call(select.options, function (o) { return o.value === value; })) return;
    var option = document.createElement('option');
    option.value = value;
    option.textContent = label;
    select.appendChild(option);
  }

  // A horizontal bar per unit, 0–100 %, as inline SVG.
  function renderRates(rows) {
    var NS = 'http://www.w3.org/2000/svg';
    var rowH = 24, labelW = 150, barW = 240, width = labelW + barW + 120;
    var svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + Math.max(rowH * rows.length, rowH));
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', '各单位按时办结率');
    rows.forEach(function (r, i) {
      var y = i * rowH;
      var rate = typeof r.onTimeRate === 'number' ? r.onTimeRate : null;
      text(svg, 0, y + 16, r.unitName || r.unit);
      var track = document.createElementNS(NS, 'rect');
      attrs(track, { x: labelW, y: y + 5, width: barW, height: 14, fill: '#eef0f3' });
      svg.appendChild(track);
      if (rate !== null) {
        var bar = document.createElementNS(NS, 'rect');
        attrs(bar, { x: labelW, y: y + 5, width: Math.round(barW * rate), height: 14, fill: rate >= 0.9 ? '#2e7d32' : rate >= 0.6 ? '#d99a00' : '#c8102e' });
        svg.appendChild(bar);
      }
      var due = (r.completed || 0) + (r.overdueNow || 0);
      var label = rate === null ? '暂无应办结事项' : (rate * 100).toFixed(1) + '%(' + r.completedOnTime + '/' + due + ')';
      text(svg, labelW + barW + 6, y + 16, label);
    });
    var box = $('rates');
    box.textContent = '';
    if (rows.length === 0) box.textContent = '暂无数据。';
    else box.appendChild(svg);

    function text(parent, x, y, content) {
      var t = document.createElementNS(NS, 'text');
      attrs(t, { x: x, y: y });
      t.textContent = content;
      parent.appendChild(t);
    }
    function attrs(el, values) { Object.keys(values).forEach(function (k) { el.setAttribute(k, values[k]); }); }
  }

  // ---- overdue and soon-due items --------------------------------------------------------

  function onOutstandingSnapshot(data) {
    state.items = new Map();
    data.items.forEach(function (item) {
      var k = key(item.source, item.documentId);
      state.items.set(k, (state.items.get(k) || []).concat([item]));
    });
    $('items-truncated').hidden = !data.truncated;
    renderItems();
  }

  // Each listed item with its complete current list; empty: nothing overdue or due soon any more.
  function onOutstandingChange(change) {
    var changed = {};
    change.documents.forEach(function (d) {
      var k = key(d.source, d.documentId);
      changed[k] = true;
      if (d.items.length === 0) state.items.delete(k);
      else state.items.set(k, d.items);
    });
    renderItems(changed);
  }

  function key(source, documentId) { return source + ':' + documentId; }

  function renderItems(changed) {
    var rows = [];
    state.items.forEach(function (list) { rows = rows.concat(list); });
    rows.sort(function (a, b) { return String(a.dueAt).localeCompare(String(b.dueAt)) || a.unit.localeCompare(b.unit); });
    var body = $('items').tBodies[0];
    body.textContent = '';
    rows.forEach(function (item) {
      var row = body.insertRow();
      var k = key(item.source, item.documentId);
      row.dataset.documentId = item.documentId;
      if (state.selected && k === key(state.selected.source, state.selected.documentId)) row.className = 'selected';
      if (changed && changed[k]) row.classList.add('flash');
      var dot = document.createElement('span');
      dot.className = 'dot ' + item.colour;
      dot.title = item.colour === 'red' ? '红灯:已超期' : '黄灯:临近期限';
      row.insertCell().appendChild(dot);
      cell(row, (item.sourceLabel ? '[' + item.sourceLabel + '] ' : '') + (item.title || item.documentId));
      cell(row, item.unitName || item.unit);
      cell(row, item.typeLabel || item.type);
      cell(row, item.dueDate || '');
      cell(row, item.colour === 'red' ? '超期 ' + item.workingDaysOverdue + ' 个工作日' : '剩余 ' + item.workingDaysRemaining + ' 个工作日', 'num ' + item.colour);
      row.addEventListener('click', function () { openTimeline({ source: item.source, documentId: item.documentId, title: item.title }); });
    });
    $('items-empty').hidden = rows.length > 0;
  }

  // ---- one document's timeline -----------------------------------------------------------

  var TIMELINE_PATHS = { document: 'documents', issuance: 'issuances', proposal: 'proposals' };

  function openTimeline(item) {
    state.selected = item;
    state.timeline = [];
    $('timeline-panel').hidden = false;
    $('timeline-title').textContent = (item.title || '') + '(' + item.documentId + ')';
    $('timeline').textContent = '';
    renderItems();
    open('timeline', '/live/' + TIMELINE_PATHS[item.source] + '/' + encodeURIComponent(item.documentId) + '/timeline', {
      snapshot: function (data) { state.timeline = data.entries; renderTimeline(); },
      entry: function (entry) { state.timeline.push(entry); renderTimeline(); },
    });
    $('timeline-panel').scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }

  function renderTimeline() {
    var list = $('timeline');
    list.textContent = '';
    state.timeline.forEach(function (e) {
      var li = document.createElement('li');
      var when = document.createElement('div');
      when.className = 'when';
      when.textContent = [formatTime(e.at), e.actor && e.actor.name, e.roleLabel, e.unitName].filter(Boolean).join(' · ');
      var what = document.createElement('span');
      what.className = 'what';
      what.textContent = e.label;
      li.appendChild(when);
      li.appendChild(what);
      li.appendChild(document.createTextNode(e.summary || ''));
      list.appendChild(li);
    });
  }

  function formatTime(iso) {
    if (!iso) return '';
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  }

  // ---- wiring ------------------------------------------------------------------------------

  function cell(row, content, className) {
    var c = row.insertCell();
    c.textContent = String(content);
    if (className) c.className = className;
    return c;
  }

  function outstandingPath() {
    var q = [];
    if (state.filter.unit) q.push('unit=' + encodeURIComponent(state.filter.unit));
    if (state.filter.leader) q.push('leader=' + encodeURIComponent(state.filter.leader));
    return '/live/outstanding' + (q.length ? '?' + q.join('&') : '');
  }

  function start() {
    if (!state.token) return showLogin('请粘贴访问令牌后连接。');
    $('login-message').textContent = '已连接。令牌保存在本标签页的 sessionStorage 中,关闭标签页即清除。';
    $('login-message').className = 'hint';
    open('summary', '/live/summary', { snapshot: onSummary, summary: onSummary });
    open('outstanding', outstandingPath(), { snapshot: onOutstandingSnapshot, change: onOutstandingChange, refresh: onOutstandingSnapshot });
    if (state.selected) openTimeline(state.selected);
    updateStatus();
  }

  function stopAll() {
    Object.keys(state.streams).forEach(close);
    updateStatus();
  }

  function showLogin(message) {
    stopAll();
    $('login-message').textContent = message;
    $('login-message').className = 'hint error';
    $('token').focus();
  }

  $('token-form').addEventListener('submit', function (e) {
    e.preventDefault();
    state.token = $('token').value.trim().replace(/^Bearer\s+/i, '');
    $('token').value = '';
    sessionStorage.setItem(TOKEN_KEY, state.token);
    start();
  });
  $('forget').addEventListener('click', function () {
    sessionStorage.removeItem(TOKEN_KEY);
    state.token = '';
    showLogin('令牌已清除。');
  });
  $('filter').addEventListener('submit', function (e) {
    e.preventDefault();
    state.filter = { unit: $('filter-unit').value, leader: $('filter-leader').value };
    open('outstanding', outstandingPath(), { snapshot: onOutstandingSnapshot, change: onOutstandingChange, refresh: onOutstandingSnapshot });
  });

  start();
})();
