/* residence-hub: the caretaker's next presence, redone at the reader's time (the residence's clock).
 *
 * Progressive enhancement: the page already says, as of the build date, when the caretaker is next
 * there. This script reads the hours and absences (window.rhPresence, set by the file horaires.js of the
 * page's language folder, loaded by the page before this script), works out
 * the same sentence for "now" on the residence's wall clock (Paris's, or its overseas zone's: data.zone), and
 * adds "Ouvert maintenant" or "Fermé".
 * Every word is in the page's language (presence.script_words: our catalogs and CLDR's day and month
 * names), in window.rhWords.presence, which the file javascripts/mots-<language>.js sets (one per language
 * at the site root, loaded by the page before this script); the script holds no text of its own.
 * No dependency, no network request; ES5 so that old phones run it. Keep it in step with
 * generator/outputs/presence.py (next_presence, Presence.sentence, is_open): tests compare the two.
 */
(function () {
  "use strict";

  var HORIZON_DAYS = 60;
  var YEARLESS_DAYS = 180; /* i18n.YEARLESS_DAYS */

  /* "de %(open)s à %(close)s" with {open: "8h"} -> "de 8h à …": Python's named placeholders. */
  function fill(template, values) {
    return template.replace(/%\(([a-z]+)\)s/g, function (all, name) { return values[name]; });
  }

  /* A staff value the page shows in another language than its own (the default one) or another direction:
     its lang and dir, as the build's <span lang dir> (presence.script_data's "…_mark"). Shared with hall.js. */
  function mark(element, marks) {
    if (marks && marks.lang) { element.lang = marks.lang; }
    if (marks && marks.dir) { element.dir = marks.dir; }
    return element;
  }
  window.rhMark = mark;

  function marked(text, marks) {
    if (!marks) { return document.createTextNode(text); }
    var span = mark(document.createElement("span"), marks);
    span.textContent = text;
    return span;
  }

  /* fill() into an element: a value given as [text, marks] goes in its own marked span, an element as is. */
  function fillInto(element, template, values) {
    var parts = template.split(/%\(([a-z]+)\)s/);
    for (var i = 0; i < parts.length; i++) {
      var value = i % 2 ? values[parts[i]] : parts[i];
      if (value instanceof Array) { element.appendChild(marked(value[0], value[1])); }
      else if (value && value.nodeType) { element.appendChild(value); }
      else if (value) { element.appendChild(document.createTextNode(value)); }
    }
  }

  /* The place after the sentence's comma with a small first letter, unless its first word is an acronym
     (« RDC ») or one letter: i18n.lowercased_first. */
  function lowerFirst(text, lang) {
    var first = text.split(/\s/)[0], c = first.charAt(0);
    if (first.length < 2 || c === c.toLowerCase() || first.slice(1) !== first.slice(1).toLowerCase()) {
      return text;
    }
    var turkic = (lang === "tr" || lang === "az") ? { "I": "ı", "İ": "i" }[c] : null;
    return (turkic || c.toLowerCase().charAt(0)) + text.slice(1);
  }

  /* Wall-clock date and time at the residence (Paris, or its overseas zone), whatever the device's own time
     zone: the date as a UTC midnight, the hour, the minute, and the minutes since midnight. Throws in a
     browser that knows no time zones. Shared with hall.js (the hall screen loads this script first). */
  function wallClock(now, zone) {
    var text = new Intl.DateTimeFormat("en-GB", {
      timeZone: zone || "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit", hour12: false
    }).format(now);
    var n = text.match(/\d+/g); /* dd/mm/yyyy, hh:mm */
    var hour = +n[3] % 24, minute = +n[4];
    return { day: Date.UTC(+n[2], +n[1] - 1, +n[0]), hour: hour, minute: minute, minutes: hour * 60 + minute };
  }
  window.rhWallClock = wallClock;

  /* Days are UTC midnights: plain calendar arithmetic, no daylight saving inside. */
  function addDays(day, count) { return day + count * 86400000; }
  function weekday(day) { return (new Date(day).getUTCDay() + 6) % 7; } /* Monday = 0 */
  function iso(day) { return new Date(day).toISOString().slice(0, 10); }

  /* The date in words; with its year when it is more than YEARLESS_DAYS from today (i18n.far_from): a date
     without its year is read as the nearest one with that day and month. */
  function formatDate(words, day, today) {
    var d = new Date(day), n = d.getUTCDate();
    var number = n === 1 && words.first ? words.first : String(n);
    var far = today !== undefined && Math.abs(day - today) > YEARLESS_DAYS * 86400000;
    return (far ? words.date_year : words.date).replace("{E}", words.days[weekday(day)]).replace("{d}", number)
      .replace("{M}", words.months[d.getUTCMonth()]).replace("{y}", String(d.getUTCFullYear()));
  }

  function formatTime(words, minutes) {
    var h = Math.floor(minutes / 60), m = minutes % 60;
    if (words.clock === "fr") { return h + "h" + (m ? (m < 10 ? "0" : "") + m : ""); }
    return (h < 10 ? "0" : "") + h + ":" + (m < 10 ? "0" : "") + m;
  }

  /* Same as Caretaker.absence_on: of two absences over the day, the one ending last (then the one starting last). */
  function absenceOn(data, day) {
    var key = iso(day), found = null;
    for (var i = 0; i < data.absences.length; i++) {
      var a = data.absences[i];
      if (a.from <= key && key <= a.to && (!found || a.to > found.to || (a.to === found.to && a.from > found.from))) {
        found = a;
      }
    }
    return found;
  }

  /* Same as presence.away_until: the last day of the absence and of those that follow on from it, each
     starting before the next day of hours (data.absences come soonest first). */
  function awayUntil(data, absence) {
    var end = absence.to;
    for (var i = 0; i < data.absences.length; i++) {
      var a = data.absences[i];
      if (a.from <= backOn(data, end) && a.to > end) { end = a.to; }
    }
    return end;
  }

  /* Same as presence._back_on: the first day after end with hours (the next day without any). */
  function backOn(data, end) {
    var day = Date.parse(end);
    for (var n = 1; n < 8; n++) {
      if (slotsOn(data, addDays(day, n)).length) { return iso(addDays(day, n)); }
    }
    return iso(addDays(day, 1));
  }

  /* A public holiday or a landlord closure (closed_days.py): ISO dates, from the build day on. */
  function closedOn(data, day) {
    return (data.closed || []).indexOf(iso(day)) !== -1;
  }

  function minutes(clock) { /* "08:30" -> 510 */
    return +clock.slice(0, 2) * 60 + +clock.slice(3, 5);
  }

  /* Same as presence.over: a slot until midnight, typed 23h59 (french_forms.until_midnight), ends at 24h. */
  function endMinutes(clock) {
    return clock === "23:59" ? 24 * 60 : minutes(clock);
  }

  function slotsOn(data, day) {
    var wd = weekday(day), slots = [];
    for (var i = 0; i < data.hours.length; i++) {
      var s = data.hours[i];
      if (s.days.indexOf(wd) !== -1) {
        slots.push({ open: minutes(s.open), close: minutes(s.close), end: endMinutes(s.close), place: s.place,
                     mark: s.place_mark });
      }
    }
    return slots;
  }

  /* Same as presence.next_presence: the current or next slot, skipping days of absence and closed days. */
  function nextPresence(data, now) {
    for (var offset = 0; offset < HORIZON_DAYS; offset++) {
      var day = addDays(now.day, offset);
      if (absenceOn(data, day) || closedOn(data, day)) { continue; }
      var slots = slotsOn(data, day);
      for (var i = 0; i < slots.length; i++) {
        if (offset === 0 && slots[i].end <= now.minutes) { continue; }
        return { day: day, slot: slots[i] };
      }
    }
    return null;
  }

  /* Same as Presence.when (the sentence without its place). */
  function sentence(words, presence, today) {
    var span = { open: formatTime(words, presence.slot.open), close: formatTime(words, presence.slot.close) };
    var text;
    if (presence.day === today) { text = fill(words.today, span); }
    else if (presence.day === addDays(today, 1)) { text = fill(words.tomorrow, span); }
    else {
      var date = formatDate(words, presence.day);
      span.day = date.charAt(0).toUpperCase() + date.slice(1);
      text = fill(words.other, span);
    }
    return text;
  }

  function phoneLink(person) {
    var link = document.createElement("a");
    link.className = "rh-phone";
    link.dir = "ltr"; /* as wording.phone_link: in a right-to-left page the digit groups would be reversed */
    link.href = person.href; /* tel: or sms: (the 114), as the page's own link */
    link.textContent = person.phone;
    return link;
  }

  /* Same wording as the template: who is away until when, and who replaces them. */
  function fillAbsence(element, data, absence, today) {
    while (element.firstChild) { element.removeChild(element.firstChild); }
    var strong = document.createElement("strong");
    var words = data.words;
    fillInto(strong, words.absent, { name: [data.name, data.name_mark], date: formatDate(words, Date.parse(awayUntil(data, absence)), today) });
    element.appendChild(strong);
    var r = absence.replacement;
    if (r) {
      element.appendChild(document.createTextNode(" "));
      if (r.href) {
        fillInto(element, words.replacement_phone, { name: [r.name, r.name_mark], phone: phoneLink(r) });
      } else {
        fillInto(element, words.replacement, { name: [r.name, r.name_mark] });
      }
      element.appendChild(document.createTextNode("."));
    }
  }

  function show(element, visible) {
    if (element) { element.hidden = !visible; }
  }

  function update(box, clock) {
    var data = window.rhPresence; /* horaires.js and mots-<language>.js: absent, update throws and the */
    data.words = window.rhWords.presence; /* sentence written by the build stays */
    var now = wallClock(clock, data.zone);
    var absence = absenceOn(data, now.day);
    var next = nextPresence(data, now);
    var open = !absence && next !== null && next.day === now.day && next.slot.open <= now.minutes;

    var status = box.querySelector("[data-rh-status]");
    status.textContent = open ? data.words.open : data.words.closed;
    status.className = "rh-status " + (open ? "rh-status--open" : "rh-status--closed");
    show(status, data.hours.length > 0); /* without hours nothing is known of when the caretaker is there */

    var away = box.querySelector("[data-rh-absence]");
    if (absence) { fillAbsence(away, data, absence, now.day); }
    show(away, !!absence);
    /* The absent caretaker's number: the home page's line, the caretaker page's list (beside this box). */
    var contacts = document.querySelectorAll("[data-rh-contact]");
    for (var i = 0; i < contacts.length; i++) { show(contacts[i], !absence); }

    var line = box.querySelector("[data-rh-next]");
    if (next) {
      line.querySelector("[data-rh-next-label]").textContent = fill(data.words.label, { label: data.words.labels[data.mode][open ? "now" : "next"] });
      var said = line.querySelector("[data-rh-next-text]"), place = next.slot.place;
      var when = sentence(data.words, next, now.day);
      said.textContent = place ? "" : when;
      if (place) {
        fillInto(said, data.words.place, { when: when,
          place: [lowerFirst(place, document.documentElement.lang), next.slot.mark || null] });
      }
    }
    show(line.querySelector("[data-rh-as-of]"), false); /* the sentence is now the reader's, not the build day's */
    show(line, next !== null);
  }

  function start() {
    var boxes = document.querySelectorAll("[data-rh-presence]");
    for (var i = 0; i < boxes.length; i++) {
      try { update(boxes[i], new Date()); } catch (e) { /* keep the sentence written at build time */ }
    }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); }
  else { start(); }
  setInterval(start, 60000); /* a page left open (a screen in the hall) stays right */
}());
