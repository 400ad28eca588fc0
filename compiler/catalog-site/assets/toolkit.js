// Toolkit page: the first page of tools is in the HTML; the rest are rendered on demand from the
// inline JSON (so a 500-tool toolkit stays light). Rows: [slug, name, summary, badges].
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('toolkit-data').textContent);
  var list = document.getElementById('tools');
  var filter = document.getElementById('tool-filter');
  var pager = document.getElementById('pager');
  var prev = document.getElementById('prev');
  var next = document.getElementById('next');
  var info = document.getElementById('page-info');
  var pageSize = Number(list.getAttribute('data-page-size')) || 50;
  var page = 0;
  var rows = data.tools.map(function (row) {
    return { slug: row[0], name: row[1], summary: row[2], badges: row[3], text: (row[0].replace(/_/g, ' ') + ' ' + row[1] + ' ' + row[2]).toLowerCase() };
  });
  var shown = rows;

  function row(tool) {
    var item = document.createElement('li');
    item.className = 'tool-row';
    var link = document.createElement('a');
    link.href = '../tools/' + tool.slug + '.html';
    link.textContent = tool.name;
    var slug = document.createElement('code');
    slug.className = 'slug';
    slug.textContent = tool.slug;
    item.append(link, ' ', slug);
    tool.badges.forEach(function (badge) {
      var span = document.createElement('span');
      span.className = 'badge';
      span.textContent = badge;
      item.append(' ', span);
    });
    var summary = document.createElement('p');
    summary.textContent = tool.summary;
    item.appendChild(summary);
    return item;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(shown.length / pageSize));
    if (page >= pages) page = pages - 1;
    var start = page * pageSize;
    var slice = shown.slice(start, start + pageSize);
    list.textContent = '';
    slice.forEach(function (tool) { list.appendChild(row(tool)); });
    info.textContent = shown.length === 0 ? 'No tools match' : (start + 1) + '–' + (start + slice.length) + ' of ' + shown.length;
    prev.disabled = page === 0;
    next.disabled = page >= pages - 1;
    pager.hidden = shown.length <= pageSize && shown.length > 0;
  }
  filter.addEventListener('input', function () {
    var words = filter.value.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
    shown = rows.filter(function (tool) { return words.every(function (word) { return tool.text.indexOf(word) >= 0; }); });
    page = 0;
    render();
  });
  prev.addEventListener('click', function () { page--; render(); });
  next.addEventListener('click', function () { page++; render(); });
})();
