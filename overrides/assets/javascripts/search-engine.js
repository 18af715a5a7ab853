/* The handbook's search engine: what officers type, turned into the steps for their situation, or an honest
   "nothing close". The design is explained in macros/data/search.yml, and every word list it uses is there or
   in search_concepts.yml; the index (macros/site/search_index.py) brings them with the entries. search.js loads
   this file with MiniSearch and the stemmer the first time someone searches, and draws what it returns; it
   also runs under Node.js.

   A query is read word by word. Stop words go; filler words (people, places, small words) weigh little; a word
   meant in another sense ("gas" in "gas prices") weighs as filler and finds nothing. Concepts explain words:
   any of a concept's phrases, in any word form or with a slip, leads to the entries that teach its cards. So do
   an entry's own title, terms and text (MiniSearch). An entry ranks by both, times the share of the query's
   situation words it explains and the weight of its kind. The results are close when a concept leads to the
   first one, or when the first one has every situation word in its title or terms. */
(function (root, factory) {
  if (typeof module === "object" && module.exports) module.exports = factory();
  else root.HandbookSearch = factory();
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var MAX_RESULTS = 8;      // a phone shows about three; more is scrolling, not finding
  var STRONG_FIELDS = ["title", "terms"];
  var MOST_PIECES = 3;      // "c p r", "die a betic": a word is seldom heard as more

  function lookup(list) {
    var found = Object.create(null);
    list.forEach(function (word) { found[word] = true; });
    return found;
  }

  /* Words of a text: lower case, accents and typographic apostrophes folded, "'s" and then apostrophes dropped.
     `variants` (a misspelling or other spelling -> the handbook's words) is applied to each word as typed. */
  function splitWords(text, variants) {
    var raw = String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "")   // "niño" -> "nino"
      .replace(/[\u2018\u2019]/g, "'").match(/[a-z0-9]+(?:'[a-z0-9]+)*/g) || [];
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
      splitWords([doc.title, doc.terms || "", doc.text].join(" ")).forEach(function (word) {
        handbookWords.add(stem(word));
      });
    });

    /* Each concept phrase as the stems to find in a query, with its words for slips and prefixes. */
    var phrases = [];
    var conceptStems = Object.create(null);   // words that alone name a situation
    var situationWords = [];   // the same words, as written
    var conceptWords = new Set();   // every word of every phrase
    var senses = [];   // a situation's word, and the words beside which it means something else ("gas prices")
    var together = new Set();   // two stems that one phrase holds ("high winds")
    var otherTopics = new Set(settings.other_topic_words.map(stem));   // "netflix", "payroll": another subject
    function pair(a, b) { return a < b ? a + " " + b : b + " " + a; }
    var needs = new Map();   // concept -> the stems one of which a query must also hold ("license" for "chicago")
    index.concepts.forEach(function (concept) {
      if (concept.only_with) needs.set(concept, concept.only_with.map(stem));
      Object.keys(concept.not_with || {}).forEach(function (word) {
        senses.push({ stem: stem(word), others: new Set(concept.not_with[word].map(function (other) {
          return stem(other);
        })) });
      });
      concept.words.forEach(function (phrase) {
        var words = splitWords(phrase).filter(function (word) { return !stop[word]; });
        if (words.length === 1 && !conceptStems[stem(words[0])]) {
          conceptStems[stem(words[0])] = true;
          situationWords.push(words[0]);
        }
        words.forEach(function (word) { conceptWords.add(stem(word)); });
        var shortest = words.length > 1 ? settings.fuzzy_min_length_in_phrase : settings.fuzzy_min_length;
        if (words.length) phrases.push({ concept: concept, words: words, stems: words.map(stem), shortest: shortest });
        words.forEach(function (word, i) {
          words.slice(i + 1).forEach(function (other) { together.add(pair(stem(word), stem(other))); });
        });
      });
    });

    /* How much a word says about which situation it is: a filler word (listed, or a number or a letter) little;
       a word that alone names a situation fully; a word the handbook never uses (slang, or another topic's),
       `foreign_word_weight`; any other word the handbook uses, `known_word_weight`. */
    function weigh(word, wordStem) {
      if (filler[word] || /^(\d+(st|nd|rd|th)?|[a-z])$/.test(word)) return settings.filler_weight;
      if (conceptStems[wordStem]) return 1;
      return handbookWords.has(wordStem) ? settings.known_word_weight : settings.foreign_word_weight;
    }

    /* A word that alone names a situation, as `word` (pieces joined) is or with a slip (the first letter kept). */
    function situationWord(word) {
      if (conceptStems[stem(word)]) return word;
      var most = allowedEdits(word, settings.fuzzy_min_length_joined);
      if (!most) return null;
      for (var i = 0; i < situationWords.length; i += 1) {
        var known = situationWords[i];
        if (known[0] === word[0] && edits(word, known, most) <= most) return known;
      }
      return null;
    }

    /* Whether a word's stem is one that the handbook's entries or concept phrases use. */
    function usedByHandbook(word) {
      var wordStem = stem(word);
      return handbookWords.has(wordStem) || conceptWords.has(wordStem);
    }

    /* Whether words may be the pieces of one word: none alone names a situation, and one of them is no word the
       handbook knows, or each is a letter. Known words side by side stay apart ("walk in", "heart attack grill"). */
    function inPieces(pieces) {
      function names(piece) { return !stop[piece] && conceptStems[stem(piece)]; }
      function unknown(piece) { return !stop[piece] && !usedByHandbook(piece); }
      var letters = pieces.every(function (piece) { return piece.length === 1; });
      return !pieces.some(names) && (letters || pieces.some(unknown));
    }

    /* A word said or typed in pieces, as voice typing and autocorrect leave it ("pro test", "dome stick", "c p r",
       "die a betic"): words side by side that, joined, make a word which alone names a situation, when none of the
       pieces does, are read as that word. */
    function joinPieces(words) {
      var joined = [];
      for (var i = 0; i < words.length; i += 1) {
        var whole = null;
        for (var size = Math.min(MOST_PIECES, words.length - i); size >= 2 && !whole; size -= 1) {
          var pieces = words.slice(i, i + size);
          if (inPieces(pieces)) whole = situationWord(pieces.join(""));
          if (whole) i += size - 1;
        }
        joined.push(whole || words[i]);
      }
      return joined;
    }

    /* A word the handbook knows, as a word of its pages, of a concept, or a stop or filler word. */
    function known(word) { return stop[word] || filler[word] || usedByHandbook(word); }

    /* A word typed with its final g dropped ("askin", "slurrin", "bleedin"), which the handbook does not know, is
       read as the word with it, when the handbook knows that one. */
    function withG(word) {
      return /[a-z]{2}in$/.test(word) && !known(word) && known(word + "g") ? word + "g" : word;
    }

    /* The query's words, each with its stem and role; the last one may still be being typed. */
    function read(query) {
      var words = joinPieces(splitWords(query, settings.variants).map(withG));
      var kept = words.filter(function (word) { return !stop[word]; });
      if (!kept.length) kept = words;
      var typing = !/\s$/.test(query);
      return kept.map(function (word, i) {
        var wordStem = stem(word);
        var weight = weigh(word, wordStem);
        return {
          word: word, stem: wordStem, weight: weight, filler: weight === settings.filler_weight,
          known: usedByHandbook(word), last: typing && i === kept.length - 1
        };
      });
    }

    /* How well a query word stands for a phrase's word: 2 the same word or stem, 1 a slip in a situation word or
       the start of the word being typed, 0 not at all. */
    function likeness(token, phraseWord, phraseStem, shortest) {
      if (token.stem === phraseStem || token.word === phraseWord) return 2;
      if (token.filler || token.known) return 0;   // a word the handbook knows is no slip: "shouting", "shooting"
      // A slip keeps the first letter and is measured on the shorter of the two words: "capital" is not a slip
      // of "palpitations", nor "ticket" of "picket".
      var words = allowedEdits(token.word.length < phraseWord.length ? token.word : phraseWord, shortest);
      var stems = allowedEdits(token.stem.length < phraseStem.length ? token.stem : phraseStem, shortest);
      if (token.word[0] === phraseWord[0] && ((words && edits(token.word, phraseWord, words) <= words) ||
          (stems && edits(token.stem, phraseStem, stems) <= stems))) {
        return 1;
      }
      // The word being typed: most of a phrase's word ("seizu" for "seizure", not "team" for "teamwork").
      return token.last && token.word.length >= 4 && token.word.length >= 0.6 * phraseWord.length &&
        phraseWord.indexOf(token.word) === 0 ? 1 : 0;
    }

    /* For each query word meant in another sense ("gas" in "gas prices", "stroke" in "golf stroke", any situation
       word beside "netflix"), the stems of the words beside it that say so; null for the others. */
    function otherSenses(tokens) {
      // A word of another subject ("netflix", "payroll") gives every situation word beside it another sense.
      var topics = tokens.filter(function (token) { return otherTopics.has(token.stem); }).map(function (token) {
        return token.stem;
      });
      return tokens.map(function (token) {
        var besides = conceptWords.has(token.stem) ? topics.slice() : [];
        senses.forEach(function (sense) {
          if (sense.stem !== token.stem) return;
          tokens.forEach(function (other) {
            if (other.stem !== sense.stem && sense.others.has(other.stem)) besides.push(other.stem);
          });
        });
        return besides.length ? besides : null;
      });
    }

    /* Concept -> the query words its phrases explain. A phrase counts when each of its words stands for a query
       word that is not meant in another sense, or is in the phrase beside the word that gives it that sense ("high
       winds" is weather, though "high" beside "winds" is no drug); a phrase of several words also needs one of its
       situation words as written (or in another form of it), or else slips long enough to count alone: short
       slips and filler words are not enough ("cali" is not "call"), long ones are ("where the restroms are"). */
    function conceptsIn(tokens, otherSense) {
      var hits = new Map();
      var held = new Set(tokens.map(function (token) { return token.stem; }));
      phrases.forEach(function (phrase) {
        var need = needs.get(phrase.concept);
        if (need && !need.some(function (word) { return held.has(word); })) return;
        var used = [];
        var exact = false;
        var whole = phrase.words.every(function (word, i) {
          var best = -1;
          var bestLikeness = 0;
          tokens.forEach(function (token, n) {
            var sense = otherSense[n];
            var free = !otherTopics.has(token.stem) &&   // never a slip for a situation word: "fishing"
              (!sense || phrase.stems.some(function (other) { return sense.indexOf(other) >= 0; }));
            var like = used.indexOf(n) < 0 && free ? likeness(token, word, phrase.stems[i], phrase.shortest) : 0;
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
        var longSlips = used.every(function (n) {
          return tokens[n].filler || tokens[n].word.length >= settings.fuzzy_min_length;
        });
        if (!whole || (phrase.words.length > 1 && !exact && !longSlips)) return;
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
      // A word meant in another sense ("heat" in "miami heat score") weighs as filler and finds nothing.
      var otherSense = otherSenses(tokens);
      otherSense.forEach(function (besides, n) {
        // Unless a phrase holds it beside one of those words: "high" in "high winds" still names a situation.
        var other = besides && !besides.some(function (beside) { return together.has(pair(tokens[n].stem, beside)); });
        if (other) tokens[n] = { word: tokens[n].word, stem: tokens[n].stem, weight: settings.filler_weight,
                                 filler: true, known: true, last: tokens[n].last, elsewhere: true };
      });
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
        boostTerm: function (term, i) {
          return tokens[i].elsewhere ? 0 : tokens[i].filler ? settings.filler_weight : 1;
        }
      }).forEach(function (result) {
        var found = entryOf(result.id, result);
        found.lexical = result.score;
        tokens.forEach(function (token, n) {
          if (result.queryTerms.indexOf(token.stem) >= 0) found.explained.add(n);
        });
      });

      conceptsIn(tokens, otherSense).forEach(function (numbers, concept) {
        var strength = concept.weight * weightOf(tokens, Array.from(numbers)) / needed;
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
        // Of a query of filler words only ("where is the bathroom"), a concept's phrase explains it all.
        var share = !situation.length && found.concept > 0 ? 1 :
          weightOf(tokens, counted.filter(function (n) { return found.explained.has(n); })) / needed;
        var lexical = mostLexical ? found.lexical / mostLexical : 0;
        var kind = Math.pow((weights[found.result.kind] || 1) / heaviest, settings.kind_power);
        ranked.push({
          result: found.result, found: found,
          score: (settings.concept_boost * found.concept + lexical) * share * kind
        });
      });
      // A situation the concepts recognise puts its steps first: entries a concept leads to, before the ones that
      // only share words with the query ("karen demanding my badge number": a complaint, not a badge reader).
      var recognised = ranked.some(function (item) {
        return item.found.concept > 0 && situation.some(function (n) { return item.found.explained.has(n); });
      });
      ranked.sort(function (a, b) {
        if (recognised && (a.found.concept > 0) !== (b.found.concept > 0)) return a.found.concept > 0 ? -1 : 1;
        return b.score - a.score;
      });
      ranked = ranked.filter(function (item) { return item.score > 0; }).slice(0, MAX_RESULTS);

      // Close: a concept leads to the first result; or, with no concept, the first result has every situation word
      // of the query in its title or terms ("DPSST", "first impression"), and no word is meant in another sense.
      // Words found only in an entry's text are not enough: "request day off" is not about the day of a shift.
      var top = ranked[0];
      var plain = situation.length > 0 && !otherSense.some(Boolean);
      var close = !!top && (top.found.concept > 0 ||
        (plain && situation.every(function (n) { return titled(top.result, tokens[n]); })));
      return {
        close: close,
        results: ranked.map(function (item) { return item.result; })
      };
    };
  }

  return { create: create, splitWords: splitWords, edits: edits };
});
