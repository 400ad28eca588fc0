// Instant search and category filters on the catalog index. Data comes from an inline JSON script
// tag (no fetch, so it works from file://). Tools: [slug, name, toolkit, summary, importance].
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('catalog-data').textContent);
  var search = document.getElementById('search');
  var cards = Array.prototype.slice.call(document.querySelectorAll('.toolkit-card'));
  var filters = Array.prototype.slice.call(document.querySelectorAll('.filter'));
  var toolResults = document.getElementById('tool-results');
  var toolList = document.getElementById('tool-list');
  var toolCount = document.getElementById('tool-result-count');
  var resultCount = document.getElementById('result-count');
  var noResults = document.getElementById('no-results');
  var category = '';
  var maxTools = 50;
  var tools = data.tools.map(function (row) {
    return { slug: row[0], name: row[1], toolkit: row[2], summary: row[3], importance: row[4],
      text: (row[0].replace(/_/g, ' ') + ' ' + row[1] + ' ' + row[2] + ' ' + row[3]).toLowerCase(),
      title: (row[0].replace(/_/g, ' ') + ' ' + row[1]).toLowerCase() };
  });

  // Small words would match nearly every tool; natural queries ("send a message to the team") keep working.
  var stopWords = ['a', 'an', 'the', 'to', 'in', 'on', 'of', 'for', 'my', 'me', 'with', 'from', 'and', 'or', 'i'];
  function words(text) {
    return text.toLowerCase().split(/[^a-z0-9]+/).filter(function (word) { return word.length > 0 && stopWords.indexOf(word) < 0; });
  }
  function inCategory(toolkit) {
    return category === '' || (data.toolkits[toolkit] && data.toolkits[toolkit].categories.indexOf(category) >= 0);
  }
  // Every word must appear; words in the slug or name count more, then importance breaks ties.
  function scoreTool(tool, query) {
    var score = 0;
    for (var i = 0; i < query.length; i++) {
      if (tool.text.indexOf(query[i]) < 0) return -1;
      score += tool.title.indexOf(query[i]) >= 0 ? 3 : 1;
    }
    return score * 1000 + tool.importance;
  }
  function render() {
    var query = words(search.value);
    var shownToolkits = 0;
    cards.forEach(function (card) {
      var categories = card.getAttribute('data-categories').split(' ');
      var text = card.getAttribute('data-text');
      var visible = (category === '' || categories.indexOf(category) >= 0) &&
        query.every(function (word) { return text.indexOf(word) >= 0; });
      card.hidden = !visible;
      if (visible) shownToolkits++;
    });
    var matches = [];
    if (query.length > 0) {
      for (var i = 0; i < tools.length; i++) {
        if (!inCategory(tools[i].toolkit)) continue;
        var score = scoreTool(tools[i], query);
        if (score >= 0) matches.push({ tool: tools[i], score: score });
      }
      matches.sort(function (a, b) { return b.score - a.score || (a.tool.slug < b.tool.slug ? -1 : 1); });
    }
    toolList.textContent = '';
    matches.slice(0, maxTools).forEach(function (match) {
      var item = document.createElement('li');
      item.className = 'tool-row';
      var link = document.createElement('a');
      link.href = 'tools/' + match.tool.slug + '.html';
      link.textContent = match.tool.name;
      var slug = document.createElement('code');
      slug.className = 'slug';
      slug.textContent = ' ' + match.tool.slug;
      var toolkit = document.createElement('span');
      toolkit.className = 'toolkit-name';
      toolkit.textContent = data.toolkits[match.tool.toolkit] ? data.toolkits[match.tool.toolkit].name : match.tool.toolkit;
      var summary = document.createElement('p');
      summary.textContent = match.tool.summary;
      item.append(link, ' ', slug, toolkit, summary);
      toolList.appendChild(item);
    });
    toolResults.hidden = matches.length === 0;
    toolCount.textContent = matches.length > maxTools ? '(top ' + maxTools + ' of ' + matches.length + ')' : '(' + matches.length + ')';
    resultCount.textContent = shownToolkits + ' toolkit' + (shownToolkits === 1 ? '' : 's') +
      (query.length > 0 ? ', ' + matches.length + ' tool' + (matches.length === 1 ? '' : 's') : '');
    noResults.hidden = shownToolkits > 0 || matches.length > 0;
  }
  search.addEventListener('input', render);
  filters.forEach(function (button) {
    button.addEventListener('click', function () {
      category = button.getAttribute('data-category');
      filters.forEach(function (other) { other.classList.toggle('active', other === button); });
      render();
    });
  });
  if (search.value) render();
})();
