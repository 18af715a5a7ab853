/* The handbook's search engine: what officers type, turned into the steps for their situation, or an honest
   "nothing close". The design, and every word list it uses, is in macros/data/search.yml and
   search_concepts.yml; the index (macros/site/search_index.py) brings them with the entries. search.js loads
   this file with MiniSearch and the stemmer the first time someone searches, and draws what it returns; the
   tests run it under Node.js too.

   A query is read word by word: stop words go; filler words (people, places, small words) rank only a little
   and never make a query "close" on their own; every other word is a situation word, and each must be
   explained. Concepts explain words (any of a concept's phrases, in any word form or with a small slip, leads
   to the entries that teach its cards); so does an entry's own title, terms or text (MiniSearch, with each
   kind of entry weighed). An entry ranks by both, times the share of the situation words it explains. The
   results are "close" when the query's situation words are mostly known to the handbook, and the first
   result explains at least one of them by a concept, a title or a term. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.HandbookSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MAX_RESULTS = 8;      // a phone shows about three; more is scrolling, not finding
  var FIRST_RESULTS = 3;    // the results an officer reads: a word they explain by title or terms is known
  var STRONG_FIELDS = ["title", "terms"];

  function lookup(list) {
    var found = Object.create(null);
    list.forEach(function (word) { found[word] = true; });
    return found;
  }

  /* Words of a text: lower case, typographic apostrophes folded, "'s" and then apostrophes dropped. `variants`
     (a misspelling or other spelling -> the handbook's words) is applied to each word as typed. */
  function splitWords(text, variants) {
    var raw = String(text).toLowerCase().replace(/[\u2018\u2019]/g, "'").match(/[a-z0-9]+(?:'[a-z0-9]+)*/g) || [];
    var words = [];
    raw.forEach(function (word) {
      var mapped = variants && Object.prototype.hasOwnProperty.call(variants, word) ? variants[word] : null;
      if (mapped) {
        words.push.apply(words, splitWords(mapped));
      } else {
        words.push(word.replace(/'s$/, "").replace(/'/g, ""));
      }
    });
    return words;
  }

  /* Edits between two words (insert, delete, change, or swap two letters side by side), up to `most`. */
  function edits(a, b, most) {
    if (Math.abs(a.length - b.length) > most) return most + 1;
    var before = null;
    var previous = [];
    for (var j = 0; j <= b.length; j += 1) previous.push(j);
    for (var i = 1; i <= a.length; i += 1) {
      var current = [i];
      var best = i;
      for (j = 1; j <= b.length; j += 1) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        best = Math.min(best, value);
      }
      if (best > most) return most + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  function create(index, MiniSearch, stem) {
    var settings = index.settings;
    var stop = lookup(settings.stop_words);
    var filler = lookup(settings.filler_words);
    var weights = settings.weights;
    var heaviest = Math.max.apply(null, Object.keys(weights).map(function (kind) { return weights[kind]; }));

    function indexTerm(word) { return stop[word] ? null : stem(word); }

    function allowedEdits(word, shortest) {
      return word.length >= shortest ? Math.max(1, Math.floor(word.length * settings.fuzzy)) : 0;
    }

    var engine = new MiniSearch({
      fields: ["title", "terms", "text"],
      storeFields: ["location", "title", "kind", "where", "text"],
      tokenize: function (text) { return splitWords(text); },
      processTerm: indexTerm,
      searchOptions: {
        tokenize: function (text) { return text.split(" "); },
        processTerm: function (term) { return term; },   // the query's words arrive stemmed
        boost: settings.fields,
        combineWith: "OR",
        prefix: function (term, i, terms) { return i === terms.length - 1 && term.length >= 3; },
        fuzzy: function (term) { return term.length >= settings.fuzzy_min_length ? settings.fuzzy : false; },
        boostDocument: function (id, term, stored) { return weights[stored.kind] || 1; }
      }
    });
    index.docs.forEach(function (doc, number) { doc.id = number; });   // the numbers concepts give
    engine.addAll(index.docs);
    var kinds = {};
    var handbookWords = new Set();   // every stem the entries use
    index.docs.forEach(function (doc) {
      kinds[doc.id] = doc.kind;
      splitWords([doc.title, doc.terms || "", doc.text].join(" ")).forEach(function (word) { handbookWords.add(stem(word)); });
    });

    /* Each concept phrase as the stems to find in a query, with its words for slips and prefixes. */
    var phrases = [];
    var conceptStems = Object.create(null);   // words that alone name a situation
    index.concepts.forEach(function (concept) {
      concept.words.forEach(function (phrase) {
        var words = splitWords(phrase).filter(function (word) { return !stop[word]; });
        if (words.length === 1) conceptStems[stem(words[0])] = true;
        var shortest = words.length > 1 ? settings.fuzzy_min_length_in_phrase : settings.fuzzy_min_length;
        if (words.length) {
          phrases.push({ concept: concept, words: words, stems: words.map(stem), shortest: shortest });
        }
      });
    });

    /* How much a word says about which situation it is: a filler word (listed, or a number or a letter) little;
       a word that alone names a situation, or one the handbook never uses (another topic's), fully; any other
       word the handbook uses, `known_word_weight`. */
    function weigh(word, wordStem) {
      if (filler[word] || /^(\d+(st|nd|rd|th)?|[a-z])$/.test(word)) return settings.filler_weight;
      return conceptStems[wordStem] || !handbookWords.has(wordStem) ? 1 : settings.known_word_weight;
    }

    /* The query's words, each with its stem and role; the last one may still be being typed. */
    function read(query) {
      var words = splitWords(query, settings.variants);
      var kept = words.filter(function (word) { return !stop[word]; });
      if (!kept.length) kept = words;
      var typing = !/\s$/.test(query);
      return kept.map(function (word, i) {
        var wordStem = stem(word);
        var weight = weigh(word, wordStem);
        return { word: word, stem: wordStem, weight: weight, filler: weight === settings.filler_weight,
                 last: typing && i === kept.length - 1 };
      });
    }

    /* How well a query word stands for a phrase's word: 2 the same word or stem, 1 a slip in a situation word or
       the start of the word being typed, 0 not at all. */
    function likeness(token, phraseWord, phraseStem, shortest) {
      if (token.stem === phraseStem || token.word === phraseWord) return 2;
      if (token.filler) return 0;
      var most = allowedEdits(phraseWord, shortest);
      if (most && (edits(token.word, phraseWord, most) <= most || edits(token.stem, phraseStem, most) <= most)) {
        return 1;
      }
      return token.last && token.word.length >= 4 && phraseWord.indexOf(token.word) === 0 ? 1 : 0;
    }

    /* Concept -> the query words its phrases explain. A phrase counts when every one of its words is in the
       query, and one of its situation words as written (or in another form of it): a slip alone, or a filler
       word alone, is not enough ("breaking out" is not "freaking out"). */
    function conceptsIn(tokens) {
      var hits = new Map();
      phrases.forEach(function (phrase) {
        var used = [];
        var exact = false;
        var whole = phrase.words.every(function (word, i) {
          var best = -1;
          var bestLikeness = 0;
          tokens.forEach(function (token, n) {
            var like = used.indexOf(n) < 0 ? likeness(token, word, phrase.stems[i], phrase.shortest) : 0;
            if (like > bestLikeness) {
              best = n;
              bestLikeness = like;
            }
          });
          if (best < 0) return false;
          used.push(best);
          exact = exact || (bestLikeness === 2 && !tokens[best].filler);
          return true;
        });
        var onlyFiller = used.every(function (n) { return tokens[n].filler; });
        if (!whole || (!exact && !onlyFiller)) return;
        var known = hits.get(phrase.concept) || new Set();
        used.forEach(function (n) { known.add(n); });
        hits.set(phrase.concept, known);
      });
      return hits;
    }

    /* Whether an entry has a query word in its title or terms (as written, another form, a slip, or the start of
       the word being typed): it is about that word, not only mentions it. */
    function titled(result, token) {
      var most = allowedEdits(token.stem, settings.fuzzy_min_length);
      return Object.keys(result.match || {}).some(function (term) {
        if (!result.match[term].some(function (field) { return STRONG_FIELDS.indexOf(field) >= 0; })) return false;
        return term === token.stem || (token.last && term.indexOf(token.stem) === 0) ||
          (most > 0 && edits(term, token.stem, most) <= most);
      });
    }

    function weightOf(tokens, numbers) {
      var total = 0;
      numbers.forEach(function (n) { total += tokens[n].weight; });
      return total;
    }

    return function search(query) {
      var tokens = read(query);
      if (!tokens.length) return { results: [], close: false };
      var all = tokens.map(function (token, n) { return n; });
      var situation = all.filter(function (n) { return !tokens[n].filler; });
      var counted = situation.length ? situation : all;
      var needed = weightOf(tokens, counted);

      var scored = new Map();   // entry id -> {result, lexical, concept, explained: Set of word numbers}
      function entryOf(id, result) {
        var found = scored.get(id);
        if (!found) {
          found = { result: result, lexical: 0, concept: 0, explained: new Set() };
          scored.set(id, found);
        }
        if (result && !found.result) found.result = result;
        return found;
      }

      engine.search(tokens.map(function (token) { return token.stem; }).join(" "), {
        boostTerm: function (term, i) { return tokens[i].filler ? settings.filler_weight : 1; }
      }).forEach(function (result) {
        var found = entryOf(result.id, result);
        found.lexical = result.score;
        tokens.forEach(function (token, n) {
          if (result.queryTerms.indexOf(token.stem) >= 0) found.explained.add(n);
        });
      });

      var explainedByConcepts = new Set();
      conceptsIn(tokens).forEach(function (numbers, concept) {
        var strength = concept.weight * weightOf(tokens, Array.from(numbers)) / needed;
        numbers.forEach(function (n) { explainedByConcepts.add(n); });
        concept.entries.forEach(function (id) {
          var found = entryOf(id, null);
          found.concept += strength * (weights[kinds[id]] || 1) / heaviest;
          numbers.forEach(function (n) { found.explained.add(n); });
        });
      });

      var missing = [];
      scored.forEach(function (found, id) { if (!found.result) missing.push(id); });
      if (missing.length) {   // entries reached by concepts alone: fetch their stored fields
        var wanted = new Set(missing);
        engine.search(MiniSearch.wildcard, { filter: function (result) { return wanted.has(result.id); } })
          .forEach(function (result) { scored.get(result.id).result = result; });
      }

      var mostLexical = 0;
      scored.forEach(function (found) { mostLexical = Math.max(mostLexical, found.lexical); });
      var ranked = [];
      scored.forEach(function (found) {
        var share = weightOf(tokens, counted.filter(function (n) { return found.explained.has(n); })) / needed;
        var lexical = mostLexical ? found.lexical / mostLexical : 0;
        ranked.push({ result: found.result, score: (settings.concept_boost * found.concept + lexical) * share,
                      found: found });
      });
      ranked.sort(function (a, b) { return b.score - a.score; });
      ranked = ranked.filter(function (item) { return item.score > 0; }).slice(0, MAX_RESULTS);

      var first = ranked.slice(0, FIRST_RESULTS);
      var top = ranked[0];
      var close;
      if (situation.length) {
        var strong = situation.filter(function (n) {
          return explainedByConcepts.has(n) || first.some(function (item) { return titled(item.result, tokens[n]); });
        });
        close = !!top && weightOf(tokens, strong) / needed >= settings.close.explained &&
          strong.some(function (n) { return top.found.explained.has(n); });
      } else {   // only filler words ("passed out", "where is the er"): close when they make a concept's phrase
        close = !!top && all.some(function (n) { return explainedByConcepts.has(n) && top.found.explained.has(n); });
      }
      return {
        close: close,
        results: ranked.map(function (item) { return item.result; })
      };
    };
  }

  return { create: create, splitWords: splitWords, edits: edits };
});
