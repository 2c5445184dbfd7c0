// Annals page behaviour. Everything here is an enhancement: the page works without it.
(function () {
  "use strict";

  // --- actor suggestions in the search box (GET /actors?q=) ---
  function suggestions() {
    var input = document.getElementById("actor-search");
    var list = document.getElementById("actor-suggestions");
    if (!input || !list || !window.fetch) return;
    var hint = document.getElementById("search-hint");
    if (hint) hint.hidden = false;  // only true when this script runs
    var timer = null, lastQuery = "", known = {};
    input.addEventListener("input", function (change) {
      var query = input.value.trim();
      var picked = !change.inputType || change.inputType === "insertReplacementText";  // chosen from the list
      if (picked && known[query]) { window.location.href = "/actors/" + encodeURIComponent(known[query]); return; }
      clearTimeout(timer);
      if (query.length < 2 || query === lastQuery) return;
      timer = setTimeout(function () {
        lastQuery = query;
        fetch("/actors?limit=8&q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { actors: [] }; })
          .then(function (body) {
            list.textContent = "";
            known = {};
            body.actors.forEach(function (actor) {
              var option = document.createElement("option");
              option.value = actor.name;
              option.label = actor.kind + " · " + actor.event_count + " events";
              known[actor.name] = actor.name;
              list.appendChild(option);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  }

  // --- merging event items (from "load more" pages and live updates) into the timeline ---
  function key(li) { return [li.dataset.start, Number(li.dataset.id)]; }
  function less(a, b) { return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]); }

  function shell(template, headingSelector, listClass) {
    var copy = template.cloneNode(false);
    copy.appendChild(template.querySelector(headingSelector).cloneNode(true));
    var list = document.createElement("ol");
    list.className = listClass;
    copy.appendChild(list);
    return copy;
  }

  function mergeEvent(timeline, item) {
    var group = item.closest("li.group"), year = item.closest("li.year");
    var existing = document.getElementById(item.id);
    if (existing) { existing.replaceWith(item); return item; }
    var years = Array.prototype.slice.call(timeline.children);
    var y = years.filter(function (c) { return c.dataset.year === year.dataset.year; })[0];
    if (!y) {
      y = shell(year, ".year-heading", "groups");
      var laterYear = years.filter(function (c) { return Number(c.dataset.year) > Number(year.dataset.year); })[0];
      timeline.insertBefore(y, laterYear || null);
    }
    var groups = y.querySelector("ol.groups");
    var siblings = Array.prototype.slice.call(groups.children);
    var g = siblings.filter(function (c) { return c.dataset.key === group.dataset.key; })[0];
    if (!g) {
      g = shell(group, ".group-heading", "events");
      var laterGroup = siblings.filter(function (c) { return c.dataset.start > group.dataset.start; })[0];
      groups.insertBefore(g, laterGroup || null);
    }
    var events = g.querySelector("ol.events");
    var mine = key(item);
    var later = Array.prototype.slice.call(events.children).filter(function (c) { return less(mine, key(c)); })[0];
    events.insertBefore(item, later || null);
    var empty = document.getElementById("timeline-empty");
    if (empty) empty.remove();
    return item;
  }

  function parse(html) { return new DOMParser().parseFromString(html, "text/html"); }

  function timelinePage() {
    var page = document.getElementById("timeline-page");
    var timeline = document.getElementById("timeline");
    if (!page || !timeline || !window.fetch) return;
    var status = document.getElementById("live-status");
    status.hidden = false;

    // "Load more" appends the next page in place (without JS it is an ordinary link to that page).
    document.addEventListener("click", function (click) {
      var link = click.target.closest && click.target.closest("#load-more");
      if (!link) return;
      click.preventDefault();
      link.setAttribute("aria-busy", "true");
      fetch(link.href).then(function (r) { return r.text(); }).then(function (html) {
        var doc = parse(html);
        var items = Array.prototype.slice.call(doc.querySelectorAll("#timeline li.event"));
        items.forEach(function (item) { mergeEvent(timeline, item); });
        var next = doc.getElementById("load-more");
        if (next) { link.href = next.getAttribute("href"); link.removeAttribute("aria-busy"); }
        else { link.parentNode.remove(); }
        status.textContent = items.length + " more event" + (items.length === 1 ? "" : "s") + " loaded.";
        if (items[0]) { var first = items[0].querySelector(".summary"); if (first) { first.tabIndex = -1; first.focus(); } }
      }).catch(function () { window.location.href = link.href; });
    });

    // Live: new and updated events of this actor arrive over Server-Sent Events.
    if (!window.EventSource) return;
    var from = page.dataset.from, to = page.dataset.to;
    var continued = page.dataset.continued === "true";

    var partner = page.dataset.withId;  // a two-actor timeline: only events the other one takes part in too

    function wanted(event) {
      if (partner && !event.actors.some(function (a) { return String(a.id) === partner; })) return false;
      if (from && event.date.end < from) return false;
      if (to && event.date.start > to) return false;
      var items = timeline.querySelectorAll("li.event");
      var mine = [event.date.start, event.id];
      // beyond the last loaded event while more pages remain: "load more" brings it in order
      if (document.getElementById("load-more") && items.length && less(key(items[items.length - 1]), mine)) return false;
      if (continued && items.length && less(mine, key(items[0]))) return false;
      return true;
    }

    function count(event) {
      var counter = document.getElementById("event-count");
      if (!counter || counted[event.id]) return;
      counted[event.id] = true;
      var n = Number(counter.dataset.count) + 1;
      counter.dataset.count = n;
      counter.textContent = n + " event" + (n === 1 ? "" : "s");
    }
    var counted = {};

    function receive(message) {
      var event = JSON.parse(message.data);
      if (message.type === "created") count(event);
      if (!wanted(event)) return;
      fetch(page.dataset.baseUrl + "/events/" + event.id + "/fragment").then(function (r) {
        return r.ok ? r.text() : "";
      }).then(function (html) {
        if (!html) return;
        var item = parse(html).querySelector("li.event");
        if (!item) return;
        item.classList.add("fresh");
        mergeEvent(timeline, item);
        status.textContent = (message.type === "created" ? "New event: " : "Updated: ") + event.summary;
      });
    }

    var source = new EventSource(page.dataset.streamUrl);
    source.addEventListener("open", function () {
      status.classList.add("connected");
      status.textContent = "Live: new events appear here as they are reported.";
    });
    source.addEventListener("error", function () {
      status.classList.remove("connected");
      status.textContent = source.readyState === EventSource.CLOSED ? "Live updates stopped." : "Reconnecting…";
    });
    source.addEventListener("created", receive);
    source.addEventListener("updated", receive);
    window.addEventListener("pagehide", function () { source.close(); });
  }

  suggestions();
  timelinePage();
})();
