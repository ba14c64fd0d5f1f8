"""Measure how well the parsers find measures and goals in text nobody on the project wrote.

For every labelled text in ``tests/data/plans`` (the ``generic`` parser; ``split.csv`` says
``dev`` or ``heldout``) and every seed plan in ``data/raw`` (its own form's parser, labels in
``tests/data/seed_labels``) it prints measure and goal precision and recall per text and
overall, by the matching rule of ``tests/unit_labels.py``, and writes the table to
``benchmarks/results/units_eval.txt``. Not a test: ``tests/test_units_eval.py`` holds floors.

    .venv/bin/python benchmarks/eval_units.py                 # dev texts and seeds
    .venv/bin/python benchmarks/eval_units.py --split all     # adds the held-out texts
    .venv/bin/python benchmarks/eval_units.py --show 03       # what a text misses / adds
    .venv/bin/python benchmarks/eval_units.py --final --split heldout17  # the final set, once

With ``--final`` the table goes to ``benchmarks/results/units_eval_final.txt`` (the development
table in ``units_eval.txt`` stays); both files name the commit that was measured.

The final held-out set (``heldout17``, texts 259 on) is read only with
``--final``: without it no split, not even ``all``, includes it (``unit_labels.corpus_split``).
The earlier held-out sets (``heldout``, ``heldout2`` to ``heldout16``) were each measured once
and are development text since.

History of the held-out measurement (texts 11-14, ``tests/data/plans/split.csv``). The rules
were written on the dev texts and the seeds only. Measured once, at the commit "Generic parser
reads real plans by content and layout; …" (the first that landed these rules), the
held-out texts gave: measure precision 0.64, recall 0.44 (7 of 16 labels, 11 predicted);
goal precision 1.00, recall 0.60 (3 of 5). The failures were then read and the rules changed
(numbered page lines, lead-ins announcing actions, needs as measures in a text without its
own list, reported duties, modal position, elaborations, docplayer lines ending in ":", one
lossless bug). Every held-out number printed after that is a measurement on text the rules
have been tuned on, not on unseen text.

A second held-out set (``heldout2``, texts 15-26) was then added by the corpus engineer and
measured once, with the rules of the commit "Follow the seed counts others' tests read …":
measure precision 0.50, recall 0.27 (7 of 26 labels, 14 predicted); goal precision 1.00,
recall 0.33 (5 of 15). That is the honest figure for text the rules had not seen. After it,
three structural rules were added (numbered section headings such as "11.3 Insatser …" are
headings, table-of-contents lines with a dotted leader are furniture, "kommer utveckla"
without "att" is a commitment); heldout2 numbers printed since are on seen text.

The cue rules were then replaced by a scorer (``plancompare.forms.kinds.KindScorer``: a
logistic regression over named features, pulled towards a prior that writes the kind
definitions as weights, fitted on all development texts -- 01-26 and the seeds -- by
``benchmarks/fit_unit_kinds.py``). Its estimate for an unseen organisation is the nested
leave-one-organisation-out table in ``benchmarks/results/unit_kinds_cv.txt`` (optimistic: the
features were designed with those texts in view); every corpus figure in ``units_eval.txt``
is in-sample. The third held-out set (``heldout3``, texts 27-44) was never opened while the
scorer was designed; measured once with the scorer of commit 8f6f7c4 it gave measure precision
0.79, recall 0.56 (23 of 41 labels, 29 predicted); goal precision 0.73, recall 0.53 (8 of 15,
11 predicted); without the three government texts 38, 39 and 41: measure P 0.57 R 0.33 (8 of
24), goal P 0.70 R 0.54 (7 of 13). A fourth held-out set (``heldout4``, texts 45-57, thirteen
organisations new to the corpus) was then collected and labelled before any change. After it,
heldout3's failures were read and it joined the development texts and the scorer's training
data; the changes, by form: a clause whose subject names an action (``Fortsatta
utbildningsinsatser som … ska prioriteras``) may have a long subject before its modal; ``ska …
ske`` after such a subject is a deliverable; ``kommer att behöva`` + action is a need; an
``-ades`` word is a preterite (``undertecknades``); ``att fortsätta`` inside a phrase is no
ongoing work; ``omfattar`` describes contents; a cookie banner may name its cookies
(``nödvändiga kakor``). heldout3 numbers printed since are on seen text. The fourth set,
measured once with the scorer fitted on texts 01-44 and the seeds (commit efcffe6,
``benchmarks/results/units_eval_final.txt``), gave measure precision 0.44, recall 0.52 (12 of
23 labels, 27 predicted); goal precision 0.36, recall 0.57 (4 of 7, 11 predicted); without the
off-topic project page 56 (8 of the 23 measures): measure P 0.29 R 0.33 (5 of 15, 17
predicted), goal P 0.30 R 0.60 (3 of 5, 10 predicted). The issue's target (precision and
recall >= 0.85, goal recall >= 0.7 on unseen real text) is not met. A fifth held-out set
(``heldout5``, texts 58-75, eighteen organisations new to the corpus; 26 measures, 42 goals)
was then collected and labelled blind, after the heldout4 measurement and before any parser
change that followed it; no parser was run on it. Measure it once with ``--final --split
heldout5`` after the parser work lands, and report the totals also without the off-topic
timeline 62 (9 of its 26 measures).

heldout4 then became development text and training data. Its failures were read and fixed by
form: a lead-in that is itself an action (``Genomföra en kartläggning …:``) is a measure with
the items below as its steps; items under a lead-in in the preterite (``… krävde också att
vi:``) are reported as done; a sentence that lost its full stop in a flattened PDF is cut
before a capitalised function word (``… tillsvidare För att attrahera …``); an undated desired
state after a measure is a goal of its own (only a dated one is the measure's deadline); news
quotes (``– Vi …``, ``…, säger X``) are reported speech; another verb's infinitive opening an
item or following ``ska``/``kommer att`` (``Belysa …``, ``kommer att integrera``) weighs as a
weaker action; ``arbetar … med att`` is ongoing work, ``har börjat`` no report of the past;
``Uppdraget ska genomföras …`` describes the work already named; a lone date line and a
docplayer viewer line are furniture; a decision to act (``har beslutat att utreda``, not a
decision formula such as ``anta``) is a deliverable. Leave-one-organisation-out over texts
01-57 (0.03, balanced, shipped prior): measure P 0.75 R 0.76 -> 0.82 R 0.85 (111 of 131),
goal P 0.71 R 0.71 -> 0.80 R 0.80 (39 of 49); seeds 1.00/1.00 unchanged. heldout4 numbers
printed since are on seen text; the next honest figure is the fifth set (``heldout5``, texts
58 on).

The fifth set was measured once, after that work had landed (commit 0237a22, the scorer fitted
on texts 01-57 and the seeds; ``benchmarks/results/units_eval_final.txt``): measure precision
0.35, recall 0.35 (9 of 26 labels, 26 predicted); goal precision 0.89, recall 0.40 (17 of 42,
19 predicted); without the off-topic timeline 62 (9 of the 26 measures, 1 predicted): measure
P 0.36 R 0.53 (9 of 17, 25 predicted). The largest misses: goal pages written as noun-phrase
lists of effect goals (71: 0 of 9; 75: 0 of 7) and timeline steps written as noun phrases (62);
the false measures fall in texts with no measure labelled (64, 66, 67, 70, 71: 14 of the 17
extra). The target is not met, and leave-one-organisation-out (0.82/0.85) again overstates
what an unseen organisation gets. heldout5 numbers printed after this are on seen text.

A sixth held-out set (``heldout6``, texts 76-89, fourteen organisations new to the corpus: eight
kommuner, Länsstyrelsen Östergötland, three universities and two other agencies; 20 measures,
23 goals, two texts with no label) was collected and labelled blind after the heldout5
measurement and before any parser change that followed it; no parser, no ``eval_units.py`` and
no ``plancompare.load`` was run on it. Measure it once with ``--final --split heldout6`` after
the parser work on heldout5, now development text, has landed.

heldout5 then became development text and training data (the final set is now ``heldout6``,
texts 76 on). Its failures were read and fixed by form: a list whose lead-in names goals (``…
följande effektmål:``, ``Delmål … är:``, ``… målen … som är:``, ``Inom målet X ingår:``; not
``… inom målet:``) holds goals, noun phrases included; a lead-in naming a standing
responsibility (``Utvecklingsansvaret innebär att:``, ``Kommunstyrelsen har ansvar för``)
introduces a remit, not actions; ``… visar att:`` introduces findings, not actions; a lead-in
line left open at its modal (``Vi ska`` + lower-case items) announces actions; ``ska inte
understiga/överstiga``, ``uppgå`` state a level (a goal); ``har påbörjats`` is begun work, not
a report of the past; an uppdrag given in the past tense is background; a causal verb
(``skapar``, ``medför``) in the present tense is an action only with the organisation as its
actor; ``har valt att`` + action is a decision to act; ``bygger på`` describes what a piece of
work rests on; ``Hitta på sidan`` is navigation; a preterite of beginning (``påbörjade``)
reports work that goes on; a dated event (``(Del 2:) Under våren sker intervjuer …``) is a
measure; after a fronted adverbial the state verb may follow the subject (``I kommunen ska
kvinnor och män … ha``); a short line repeating a bullet item of the page heads that item's
section.
Refit on texts 01-75 and the seeds (0.03, balanced, shipped prior). Leave-one-organisation-out
over 01-75: measure P 0.70 R 0.78 -> 0.78 R 0.81 (127 of 157), goal P 0.70 R 0.62 -> 0.87
R 0.81 (74 of 91); seeds 0.98/1.00 -> 1.00/1.00. In sample heldout5 measure 0.35/0.35 ->
0.70/0.54, goal 0.89/0.40 -> 0.97/0.86; in sample dev measure 0.96/0.88 -> 0.92/0.96
(adding heldout5's candidates to the fit, with balanced class weights, alone moved it to
0.88/0.92: the same refit without these changes gives that). Left: the off-topic
timeline 62 (its steps are lines read as headings and a menu), and measures written as
budget allocations (``I budgeten finns medel för att …``). heldout5 numbers printed since are
on seen text; the next honest figure is the sixth set (``heldout6``, texts 76 on).

The sixth set was measured once, after that work had landed (commit 616940f, the scorer fitted
on texts 01-75 and the seeds; ``benchmarks/results/units_eval_final.txt``; the fifth set's
table is kept in ``units_eval_final_heldout5.txt``): measure precision 0.26, recall 0.35 (7 of
20 labels, 27 predicted); goal precision 0.64, recall 0.39 (9 of 23, 14 predicted); seeds
1.00/1.00. Leave-one-organisation-out over 01-75 (0.78/0.81, goals 0.87/0.81) overstated it a
third time. Where it fails: ``ska`` sentences that set a concrete task with a deadline read as
goals (79: ``Alla chefer ska ha presenterat resultatet … senast den 28 februari``), while
``ska`` or ``kommer att`` sentences about the work in general read as measures (77); a goal
list written with infinitives under a heading of purposes (80: ``Säkra framtida
personalbehov``) or as participle states under a lead-in naming goals (86: ``… är
tydliggjort``) reads as measures; a vision page's present-tense states (85) read as context;
running prose about work that goes on (78, 81, 83: ``arbetar med``, ``är överens om att
fortsätta satsningen``) reads as context. Reading the misses makes heldout6 development text
from here on; the next honest figure needs a seventh set.

heldout6 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER`` 90;
the final set is now ``heldout7``, texts 90 on, collected blind by another helper). Before any
change, a "next set" check (``benchmarks/fit_unit_kinds.py``, ``unit_corpus.next_set``): fit on
the texts before a set and the seeds, score the set. 01-75 -> 76-89 gives measure P 0.26 R 0.35
(7/20, 27 predicted), goal P 0.64 R 0.39 (9/23) -- exactly the blind figure, as it must; 01-57
-> 58-75 gives measure 0.74/0.54 (14/26), goal 0.95/0.83 (35/42) with today's features, against
the blind 0.35/0.35 and 0.89/0.40 at 0237a22: the features read from heldout5's misses account
for the difference, and they did not carry over to heldout6. Why the rules do not transfer, by
the errors of the scorer fitted on the texts before each set (each missed label or extra unit:
(a) a boundary -- no candidate holds the label, or it shares one with an earlier label; (b) a
feature absent -- even a scorer fitted in sample on every text (C=1) gets the candidate wrong,
most often because another candidate has the identical feature vector and the other kind;
(c) the weights -- that in-sample scorer gets it right): heldout5 at its blind state (0237a22):
61 errors, (a) 5, (b) 38, (c) 18; heldout6 at 616940f: 52 errors, (a) 0, (b) 43, (c) 9 (of its
27 misses, 24 (b); of its 25 extra units, 19 (b)). Most failures are sentences the features
cannot tell from sentences of the other kind: each set brings forms no feature names, and the
features written for one set's forms name forms the next set does not use. Refit on 01-89 (0.03,
balanced, shipped prior), features unchanged: leave-one-organisation-out over 01-89 measure P
0.69 R 0.78 (138/177), goal P 0.77 R 0.72 (82/114), seeds 0.97/1.00 (in sample 1.00/1.00); in
sample heldout6 measure 0.30/0.45, goal 0.64/0.39.

Then heldout6's failures were read, and changes kept only where leave-one-organisation-out over
01-89 and the next-set check on 58-75 (texts these changes were not read from) did not get
worse; by form: a list's lead-in that points back (``Dessa är att:``) is read with the sentence
before it, and ``… är att:`` lists what something is, so a goal named there makes the items
goals (a lead-in announcing goals now outweighs one announcing actions); the parts "of" a goal
(``Beskrivning av visionen:``) are goals; a copula with a participle (``… är tydliggjort``)
names a state (``copula_state``); after a fronted adverb (``Initialt ska enheterna i samband
med … komplettera``) the verb may stand eight words after the modal; a document the modal's
passive makes (``Handlingsplaner ska utformas …``) is no purpose of a plan; an agreement to act
(``är överens om att fortsätta …``) is a decision to act; reported speech leans further from
measures (prior -1.5 -> -2.0: none of the 30 quoted candidates is one). Tried and dropped: ``ska
ha`` + supine as a task with a deadline (13 and seed 004 label the same form a goal, 79 a
measure); ``ska`` + another verb's s-passive as an action (more extra measures in both checks);
a comparative opening an item (``Fler …``) as a goal (2 goals, 2 measures, 5 neither in 01-89);
a neutral prior for needs (``krävs``: LOO measure P 0.70 -> 0.73 but Hammarö's labelled needs
and a seed goal lost); class weights between balanced and none (LOO measure P 0.84 R 0.68, but
58-75 recall 0.54 -> 0.42); lemma features of the head word, the verb after the modal and the
finite verbs (candidate-level LOO measure F1 down at C=0.03 and 0.1). Result, refit on 01-89
(0.03, balanced, shipped): leave-one-organisation-out measure P 0.69 R 0.78 -> 0.70 R 0.78
(138/177), goal 0.77/0.72 -> 0.83/0.79 (90/114); next set 01-57 -> 58-75 measure 0.74/0.54
(unchanged), goal 0.95/0.83 -> 0.97/0.83; 01-75 -> 76-89 (read, so optimistic) measure
0.26/0.35 -> 0.35/0.45, goal 0.64/0.39 -> 0.76/0.70; seeds 1.00/1.00 and seed and example units
identical. Causes of 76-89's errors after (``diagnose_units.py 76 90``): 40, (a) 0, (b) 29,
(c) 11. The features still cannot tell most of the sentences the labels call measures in
running prose (``arbetar med en bemanning …``, ``får möjlighet att …``) from background; the
target (0.85) is not near, and the next honest figure is the seventh set (texts 90 on).

The seventh held-out set (``heldout7``, texts 90-110, numbered with three digits from 100;
twenty-one stored pages, seventeen organisations new to the corpus: kommuner, länsstyrelser and
their joint bodies, Vattenmyndigheterna, Havs- och vattenmyndigheten, two universities; 41
measures, 30 goals, one text with a hierarchy) was collected and labelled blind after the
heldout6 measurement and before the refit on 01-89 and the changes above; no parser, no
``eval_units.py`` and no ``plancompare.load`` was run on it. Measured once (2026-12-07, at
e0d2c1d, the scorer fitted on 01-89 and the seeds; ``results/units_eval_final.txt``, heldout6's
table kept in ``units_eval_final_heldout6.txt``): measures P 0.26, R 0.27 (11 of 41, 42
predicted), goals P 0.59, R 0.33 (10 of 30, 17 predicted), seeds 1.00/1.00. Eight of the 13
texts with labelled measures find none of them; the eight texts with no labelled measure get 20
of the 42 predicted. The honest figures of the seven sets -- 0.50/0.27, 0.79/0.56, 0.44/0.52,
0.35/0.35, 0.26/0.35, 0.26/0.27 -- do not rise as sets become training data: rules and features
written for one set's forms do not reach the next set's, and the labels themselves disagree on
the same form (above). The next step is not another rule.

heldout7 then became development text (``unit_labels.FIRST_FINAL_NUMBER`` 111; the final set is
now ``heldout8``, texts 111 on, collected blind by another helper and labelled by the guide
below). First a labelling guide, ``tests/data/plans/LABELLING.md``: the kind definitions, a task
test and a state test asked in a fixed order, and one decision per disputed form (``ska`` +
verb, ``ska ha``/``ska vara`` + supine or participle, needs, ``X ska:`` lists, infinitive lists,
noun-phrase and participle lists, present-tense visions, ongoing work, ``bör``, level-2 steps,
decisions reported, what a plan shall achieve, reported speech, budget allocations, context).
Texts 01-110 were relabelled by it (only labels; 24 of 110 texts changed): measures 218 -> 199
(17 removed: umbrella, remit, focus and planning-cycle sentences; 4 added: 94's list items the
old labels had left out; 7 flipped to goals, 1 from goal), goals 144 -> 158 (8 added, 7 + 1
flipped); the table per split is in ``tests/data/plans/README.md``. The next-set check fitted
on 01-89 and scored on 90-110, recorded after the relabelling and before any of 90-110's misses
was read: measures P 0.32 R 0.24 (11/45, 34 predicted), goals P 0.53 R 0.33 (10/30) (on the old
labels 0.26/0.27 and 0.59/0.33, the blind figure). Leave-one-organisation-out over 01-110 with
the shipped parameters: on the old labels measures 0.60/0.69 (151/218), goals 0.73/0.69
(100/144); on the relabelled texts 0.56/0.65 (130/199), 0.69/0.63 (100/158). The scorer's
features were written for the old labels' forms; the relabelling alone lowers every figure
until the features follow the guide.

Then the scorer was changed to follow the guide, each step measured by leave-one-organisation-
out over 01-110 and the three next-set checks (58-75, 76-89, 90-110; seed 004 relabelled as
well: four rows of its goal section, ``tests/data/plans/README.md``). Start (relabelled, C 0.03,
old features): LOO measure 0.55/0.65 (129/199), goal 0.69/0.63 (100/158); next sets measure
0.59/0.48, 0.43/0.45, 0.31/0.24, goal 0.86/0.84, 0.71/0.68, 0.53/0.33; seeds measure 1.00/0.98,
goal 0.74/1.00 (17 of 23 predicted). (1) Seven phrase cues from the guide's tests
(``sentence_cues.csv``): ``field_work`` (a verb of doing with only a field: neither),
``improve_state`` (a passive improvement after a modal, no ``genom`` means: goal),
``perfect_task`` (``ska ha`` + supine: measure), ``generic_actions`` (actions announced, none
named), ``allocation`` (money to a field), ``remit`` (instruction, ``har … ansvar för``) and
``uppdrag_standing`` split off ``uppdrag_held`` (a standing uppdrag is a remit); ``focus``'s
prior turned from measure to neither: LOO measure 0.56/0.66, goal 0.72/0.66; next sets measure
0.67/0.48, 0.40/0.50, 0.28/0.24, goal 0.86/0.84, 0.77/0.68, 0.58/0.37. (2) Stronger
regularisation, C 0.03 -> 0.01 (the prior, i.e. the written definitions, weighs more): LOO
0.57/0.67, 0.73/0.66; seeds goal 0.74 -> 0.81. (3) A bare ``X ska:`` lead-in lends its modal
only (``lead_in_modal``, no longer "announces actions") and an item opening with a verb of aim
or state (``Säkra …``, ``ha med …``) leans to goal (``aim_first``): LOO 0.58/0.67, goal
0.74/0.68; next 76-89 goal 0.89/0.68 -> 0.90/0.72. (4) ``skapa förutsättningar`` counts as an
aim only outside a purpose clause (``… för att skapa förutsättningar``), ``field_work`` weighs
against both kinds (-2), and ``reporting`` reads the main clause only (``ges möjlighet att
informera`` is no reporting duty): seeds goal 0.89 -> 0.94. Result (C 0.01, balanced, shipped
prior): LOO measure 0.58/0.67 (133/199), goal 0.74/0.68 (107/158); next sets 01-57 -> 58-75
measure 0.67/0.48 (10/21), goal 0.88/0.84 (36/43); 01-75 -> 76-89 0.38/0.50 (10/20), 0.90/0.72
(18/25); 01-89 -> 90-110 0.29/0.24 (11/45, 38 predicted), 0.61/0.37 (11/30); seeds measure
1.00/0.98 (57/58: seed 004's relabelled ``Företag … ska bjudas in att delta …`` stays a goal
under its goal heading), goal 0.94/1.00 (17/17, 18 predicted). Tried and dropped: the goal
heading weighing less on prose sentences (LOO goal P 0.73 -> 0.69, seeds goal 0.79/0.88); a
modal + giving verb with a quality as object (``ska erbjuda … god arbetsmiljö``) as a goal
(seed 000's need became a goal: seeds goal 0.94 -> 0.85); C 0.003 (next sets better --
90-110 measure 0.32/0.27, goal 0.65/0.37; LOO goal P 0.80 -- but seed 004's goal precision
0.89, under the seeds' floor of 0.9). The measure figures are far from the goal of 0.85: most
remaining errors are still sentences whose features are those of sentences of another kind.

The eighth held-out set (``heldout8``, texts 111-133; twenty-three stored pages, twenty
organisations of which seventeen are new to the corpus: fifteen kommuner, Region Stockholm's
RUFS, ESV, and five texts of known organisations -- Region Norrbotten, Region Dalarna and three
of Regeringen; 45 measures, 31 goals) was collected and labelled blind by the guide while the
scorer above was changed; no parser was run on it. Measured once (2026-12-07, at b6e961c, the
scorer fitted on 01-110 and the seeds; ``results/units_eval_final.txt``, heldout7's table kept
in ``units_eval_final_heldout7.txt``): measures P 0.49, R 0.47 (21 of 45, 43 predicted), goals
P 0.30, R 0.29 (9 of 31, 30 predicted); seeds measure 1.00/0.98, goal 0.94/1.00. The measures
found are mostly in Regeringen's two kommittédirektiv and its regleringsbrev (15 of the 21
hits; 24 of the 45 labelled measures are in the five texts of known organisations); in the
eighteen texts of new organisations measures P 0.26, R 0.29 (6 of 21, 23 predicted), goals P
0.47, R 0.24 (7 of 29, 15 predicted). The regleringsbrev's 11 predicted goals are all wrong;
Klippan's goal page finds 3 of its 14 goals, RUFS's planning goals none of 6. The honest
figures of the eight sets: 0.50/0.27, 0.79/0.56, 0.44/0.52, 0.35/0.35, 0.26/0.35, 0.26/0.27,
0.49/0.47 (0.26/0.29 on new organisations).

heldout8 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
134; the final set is now ``heldout9``, texts 134 on, collected blind by another helper).
Before any of its misses was read, the next-set checks with the scorer of that day (features
unchanged, C 0.01, balanced, shipped prior): 01-110 -> 111-133 measure P 0.49 R 0.47 (21/45, 43
predicted), goal P 0.30 R 0.29 (9/31, 30 predicted) -- the blind figure, as it must be; 01-89
-> 90-133 measure 0.41/0.36 (32/90, 79 predicted), goal 0.41/0.31 (19/61, 46 predicted).
Leave-one-organisation-out over 01-133: measure P 0.55 R 0.63 (153/244), goal P 0.65 R 0.65
(122/189) (over 01-110 it was 0.58/0.67 and 0.74/0.68); seeds 1.00/0.98 and 0.94/1.00. (A refit on
01-133 and the seeds with these features leaves seed and example units identical but turns the
reporting duty of ``content.read_prose``'s example, ``X ska redovisa i maj.``, into a measure:
``modal_action`` outweighs ``reporting``; the shipped weights stay those fitted on 01-110 until
the features change.) Causes of 111-133's 89 errors with the scorer fitted on
01-110 (``diagnose_units.py 111 134``): (a) boundary 5, (b) feature absent 49, (c) weights 35;
missed measures 24 (a 3, b 17, c 4), missed goals 22 (a 2, b 4, c 16), extra measures 22 (b 12,
c 10), extra goals 21 (b 16, c 5). By text: the nine news pages of decisions taken (111, 113,
114, 115, 117, 118, 123, 130, 133) miss 16 of their 20 measures (12 (b), 4 (c)): a decision
reported in the past tense (``Kommunstyrelsen gav … i uppdrag att utreda``, ``fattade beslut om
en sammanslagning``, ``har beslutat om anställningsstopp``) has the features of background;
the goal pages of new organisations miss 21 of 24 goals -- Klippan 119 (11 of 14, 10 of them (c):
present-tense states and ``ska`` states under tab labels), Stenungsund 120 (4 of 4, ``Mål 3: …``
lines), RUFS 121 (6 of 6, present-tense states under an imperative heading); the regleringsbrev
126 gives 11 extra goals (its ``ska redovisa`` / ``ska redogöra`` reporting duties and date
bullets under ``Mål och återrapporteringskrav``); Mullsjö 122 gives 5 extra goals (what a plan
is and does); ESV 116's two measures and Vaggeryd 127's one sit in no candidate (a). No
heldout8 label was changed: the close calls (117's appointment, 115's savings requirement) are
noted as such in the labels and follow the guide's decision 11.

Then the scorer was taught to read content that carries across organisations, each change kept
only where leave-one-organisation-out over 01-133 and the next-set checks did not get worse
(C 0.01, balanced, shipped prior; LOO measure P/R, goal P/R; next sets 58-75, 76-89, 90-110,
90-133 measure P/R). Start: LOO 0.55/0.63 (153/244), 0.65/0.65 (122/189); next 0.67/0.48,
0.38/0.50, 0.29/0.24, 0.41/0.36; seeds 1.00/0.98, 0.94/1.00. (1) A duty to report after a modal
(``ska redovisa``, ``ska redogöra för``) commits to no task (``informera`` still does), and
``har gett … i uppdrag att`` is an uppdrag given, not a standing one (``uppdrag_standing``):
LOO 0.55/0.63, 0.65/0.65, next 0.67/0.48, 0.38/0.50, 0.28/0.24, 0.40/0.36 -- neutral, kept as
the guide's reading (10's ``ska redovisa ett planeringsunderlag``, a labelled step, is lost in
sample). (2) ``decided_action``: a decision reported as taken that commits to an action
(``gav … i uppdrag att``, ``fick i uppdrag att``, ``beslutade att`` + a verb that is no decision
formula, ``beslutat om`` + an action noun; LABELLING.md decision 11; prior measure +2.5, goal
-0.5): LOO measure 0.58/0.66 (160/244), goals unchanged; next 0.59/0.48, 0.37/0.50, 0.33/0.29,
0.47/0.47. (3) ``present_state`` (the main verb is a present-tense state verb -- är, har,
finns, upplever, präglas -- after a subject of its own, not ``Det finns``; prior measure -0.5)
and ``state_item`` (the same in a list item; prior goal +1.0): LOO 0.57/0.66 (161/244), goal
0.66/0.67 (127/189); next measure 0.56/0.48, 0.39/0.55, 0.31/0.29, 0.44/0.46, goal 0.90/0.84,
0.90/0.72, 0.61/0.37, 0.50/0.43 (90-133 before: 0.41/0.31); seeds unchanged. Tried and dropped:
the reporting prior also against goals (-1.5: LOO goal P 0.65 -> 0.61, 201 predicted); the
object of the action verb from a word list (``object_words``: a bounded thing -- plan, utredning,
kurs -- for measures, a quality -- kvalitet, hållbar, trygghet -- for goals or against measures:
LOO measure 0.55-0.56/0.67-0.68, more predicted, goal P 0.61-0.67, next 58-75 and 76-89 worse,
seeds measure P 0.94); the layout priors (section and list features) halved (LOO 0.56/0.66,
0.65/0.67, seeds goal R 0.94, 58-75 goal P 0.82); C 0.003 (LOO 0.58/0.66, 0.68/0.66, next sets
a little better, but in sample seed 004 goal P 0.89 and one of its goal units a measure). (4) A
structural fix: a document title whose words name a role that takes its section whole
(``Uppföljning av hur … har införlivats``, ``Effekter …``) names the page's subject, so its text
is read, not filed as follow-up unread (116's uppdrag and step): LOO measure 0.57/0.67
(163/244), goals unchanged; next sets unchanged but 90-133 measure 0.45/0.48 (43/90). Refit on
01-133 and the seeds (C 0.01): seed and example units identical; in sample heldout8 measure
0.57/0.67 (30/45), goal 0.47/0.65 (20/31). The target (0.85) is still far: the news pages'
decisions now mostly read right, but what a plan's sentence is about -- its object, its
actor -- is not yet a feature that transfers.

The ninth held-out set (``heldout9``, texts 134-149; sixteen stored pages, fifteen
organisations, eleven new to the corpus, ten of them kommuner; 23 measures, 35 goals; labelled
blind by LABELLING.md) was measured once on 2026-12-07 at cf61696, the scorer fitted on 01-133
and the seeds (``results/units_eval_final_heldout9.txt``, as ``units_eval_final.txt`` was
named until the set became development text; heldout8's table is kept in
``units_eval_final_heldout8.txt``): measure P 0.59 R 0.43 (10 of 23, 17 predicted), goal P 0.33
R 0.17 (6 of 35, 18 predicted); in the thirteen texts of new organisations (Region Kalmar län
counted new) measure P 0.50 R 0.29 (4 of 14), goal P 0.38 R 0.15 (5 of 34). Five of the ten
measures found are in Regeringen's uppdrag (142, a known author and layout); Nacka's goal page
(136) finds 1 of 17 goals, Region Kalmar län's goal bullets (148) none of 10. The blind measure
figures so far: 0.50/0.27, 0.79/0.56, 0.44/0.52, 0.35/0.35, 0.26/0.35, 0.26/0.27, 0.49/0.47,
0.59/0.43.

heldout9 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
150; the final set is now ``heldout10``, texts 150 on, collected blind by another helper).
Before any of its misses was read, the next-set checks with the scorer of that day (C 0.01,
balanced, shipped prior): 01-133 -> 134-149 measure P 0.59 R 0.43 (10/23, 17 predicted), goal
P 0.33 R 0.17 (6/35, 18 predicted) -- the blind figure, as it must be; 01-110 -> 111-149
measure 0.53/0.60 (41/68, 77 predicted), goal 0.42/0.33 (22/66, 53 predicted).
Leave-one-organisation-out over 01-149: measure P 0.53 R 0.66 (175/267), goal P 0.58 R 0.61
(137/224) (over 01-133 it was 0.57/0.67 and 0.66/0.67). The guide's open case was then settled
on meaning grounds (LABELLING.md decision 16: a goal heading is one goal and the present-tense
sentences describing it get no row; a sentence with a target of its own -- ``ska``, a number,
a date, an aim verb -- keeps its row; ``arbeta för`` + a state is an aim verb, a goal): 136
lost 11 goal rows and gained 1 (heldout9 35 -> 25 goals; no other text held the form). On the
new labels: 134-149 goal 0.33/0.24 (6/25), 111-149 goal 0.42/0.39 (22/56); LOO-org measure
0.54/0.66 (176/267), goal 0.61/0.63 (135/214). Shipped weights unchanged (fitted on 01-133).

Causes of heldout9's 51 errors with the scorer fitted on 01-133 (``diagnose_units.py 134
150``, on the new labels): (a) boundary 6, (b) feature absent 34, (c) weights 11; missed
measures 13 (a 3, b 9, c 1), missed goals 19 (a 3, b 9, c 7), extra measures 7 (b 5, c 2),
extra goals 12 (b 11, c 1). By text: the goal pages -- Region Kalmar län 148 misses all 10
goals (their lead-in ``Målen står i relation till …:`` was read as a list of contents), Nacka
136 misses 6 of 7 (its three goal headings are labels, ``a``, and its own targets carry no
feature); the budget pages Orust 139 and Hudiksvall 140 miss 6 measures (a tax cut, money to a
named activity; 140's bullets sit in no candidate); Vaggeryd 144 misses its three steps and
adds six (follow-up codes read as goals); the proposals of Ockelbo 135 and Tranemo 137 add 7.
Then goal pages in general, each step chosen by leave-one-organisation-out over 01-149 and the
next sets (C 0.01, balanced, shipped prior; seeds 1.00/0.98 measures, 0.94/1.00 goals in
every step), before -> after:
(A) a lead-in whose subject is the goals (``Målen …:``, ``Våra övergripande mål är:``) or that
lends a modal and a state (``Kommunen ska vara:``) announces goals: LOO measure 0.54/0.66 ->
0.55/0.65 (176 -> 174/267), goal 0.61/0.63 -> 0.66/0.66 (142/214); next 111-149 goal
0.42/0.39 -> 0.51/0.57, 134-149 goal 0.33/0.24 -> 0.57/0.64.
(B) a heading after a lead-in that announces goals, and its sibling headings, are read as the
items of that lead-in (LABELLING.md decision 16: the heading is the goal, the text under it is
read by its own words): LOO goal 0.67/0.68 (146/214); 111-149 goal 0.53/0.62; 134-149 goal
0.61/0.76.
(C) goal-area headings in data/forms/heading_roles.csv (målområde, målbeskrivning, målbild,
delmål, effektmål, inriktningsmål, fokusmål, övergripande/strategiska/långsiktiga mål): LOO
goal 0.68/0.71 (152/214); next 90-110 goal 0.61/0.37 -> 0.62/0.53, 90-133 0.50/0.43 ->
0.55/0.57, 111-133 0.43/0.52 -> 0.45/0.61, 58-75 goal P 0.90 -> 1.00.
(D) a heading that names goals directly over its list (``Åtta övergripande mål ska styra …``)
introduces the list as a lead-in: LOO measure 0.55/0.66 (175/267), goal 0.71/0.73 (157/214);
next 90-110 goal 0.69/0.73, 90-133 0.59/0.67, 111-149 0.58/0.68, 134-149 measure 0.61/0.48,
goal 0.68/0.76.
(E, not kept) goal_noun also for compounds (``miljöambitioner``, ``delmålen``): LOO goal
precision 0.71 -> 0.69, no recall gained.
(F) ``Mål och återrapporteringskrav`` (a regleringsbrev's heading over its duties to report)
is read by content instead of as a goal section: LOO goal 0.74/0.73 (157/214, 213 predicted);
next 111-133 goal 0.47/0.61 -> 0.58/0.61, 90-133 0.59/0.67 -> 0.64/0.67.
Refit on 01-149 and the seeds: seed units identical (parse_golden's seed digest unchanged);
in sample heldout9 measure 0.55/0.52 (12/23), goal 0.68/0.76 (19/25). With these changes the
scorer fitted on 01-133 leaves 34 errors in heldout9, not 51 ((a) 3, (b) 26, (c) 5). Measures
did not move: LOO measure P 0.55, R 0.66 is the weak cell now, far from 0.85.
Then, on the same footing:
(G) ``arbetar/verkar för en …`` is a goal phrase (LABELLING.md decision 16) and an elaboration
``Åtgärden ska genomföras/påbörjas …`` describes its measure (decision 10): LOO goal 0.74/0.74
(159/214); next 111-149 goal 0.66/0.71; measures unchanged.
(H) a short numbered title alone in its block over prose (``1. Inledning``) is a heading, not
an item: LOO measure 0.56/0.66 (176/315 predicted); next 90-110 measure P 0.32 -> 0.38,
90-133 0.46 -> 0.50.
(I, not kept) a heading opening with a goal noun's compound (``Planeringsmål …``) as a goal
section: LOO goal P 0.74 -> 0.73, next 76-89 goal P 0.90 -> 0.78.
(J) the classes weighed by the balanced weight to the power 0.9 (``class_weight
"balanced^0.9"``; 1 was full balance): less recall bought for precision where the balance
over-predicted the rare kinds. LOO over 01-149 by power (measure | goal): 1.0 0.56/0.66 |
0.74/0.74; 0.9 0.62/0.65 | 0.77/0.74; 0.85 0.62/0.65 | 0.77/0.73; 0.8 0.64/0.65 | 0.78/0.73;
0.75 0.66/0.64 | 0.78/0.72 -- but below 0.9 the next sets lose goal recall (111-133 goal R 0.65
-> 0.55 at 0.85, 0.42 at 0.75) and the seeds' goal recall falls to 0.94, so 0.9 (seeds
unchanged). Next sets at 0.9, measure P: 58-75 0.56 -> 0.60, 76-89 0.39 -> 0.44, 90-110 0.38
-> 0.42, 90-133 0.50 -> 0.53, 111-149 0.53 -> 0.57, 134-149 0.58 -> 0.65; goals 90-133
0.64/0.69 -> 0.63/0.64, 111-133 0.59/0.65 -> 0.58/0.58. Refit on 01-149 and the seeds with
C 0.01, balanced^0.9: seeds 1.00/0.98 and 0.94/1.00 in sample and in LOO, seed units
identical; in sample heldout9 measure 0.65/0.48 (11/23), goal 0.74/0.80 (20/25).
After all of it, leave-one-organisation-out over 01-149: measure P 0.62 R 0.65 (174/267),
goal P 0.77 R 0.74 (158/214; the stricter numbered title of H, a title only over prose, not
over a heading, moved one heldout8 goal) -- goal recall above the 0.7 aim, measures still far
from 0.85.

The tenth held-out set (``heldout10``, texts 150-162; thirteen texts, twelve organisations,
nine new to the corpus; Sundsvall's whole Tillväxtstrategi 2025 and twelve stored pages; 46
measures, 33 goals; labelled blind by LABELLING.md with decision 16) was measured once on
2026-12-07 at efe845b, the scorer fitted on 01-149 and the seeds
(``results/units_eval_final_heldout10.txt``, as ``units_eval_final.txt`` was named until the set
became development text;
heldout9's table is kept in ``units_eval_final_heldout9.txt``): measure P 0.42 R 0.57 (26 of 46,
62 predicted), goal P 0.77 R 0.52 (17 of 33, 22 predicted). By organisation: the three already in
the corpus (150 Sundsvall, 153 Stenungsund, 155 Markaryd) 18 of 18 measures at P 0.43; the ten
texts of new organisations measure P 0.40 R 0.29 (8 of 28, 20 predicted), goal P 0.83 R 0.65
(15 of 23). Without the two agency texts (151-152): measure 0.42/0.64, goal 0.77/0.59. The
whole strategy (150): measure 0.32/1.00 (19 predicted for 6), goal 0.50/0.20 (2 of 10); the
kommunfullmäktige goal pages (160-162) find all 12 goals. The goal-page work carried over to new
kommuner (goal recall 0.65 on their texts, against 0.15 in heldout9); measures did not. The
blind measure figures so far: 0.50/0.27, 0.79/0.56, 0.44/0.52, 0.35/0.35, 0.26/0.35,
0.26/0.27, 0.49/0.47, 0.59/0.43, 0.42/0.57.

heldout10 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
163; the final set is now ``heldout11``, texts 163 on, collected blind by another helper).
Before any of its misses was read, with the features of b37510b and the shipped scorer's
parameters (C 0.01, balanced^0.9, shipped prior): 01-149 -> 150-162 measure P 0.42 R 0.57
(26/46, 62 predicted), goal P 0.77 R 0.52 (17/33, 22 predicted) -- the blind figure, as it must
be; 01-133 -> 134-162 measure 0.47/0.54 (37/69, 79 predicted), goal 0.73/0.64 (37/58, 51
predicted). Leave-one-organisation-out over 01-162: measure P 0.57 R 0.64 (201/313, 352
predicted), goal P 0.77 R 0.72 (177/247) (over 01-149 it was 0.62/0.65 and 0.77/0.74); seeds
1.00/0.98, 0.94/1.00. Shipped weights unchanged (fitted on 01-149).
``diagnose_units.py 150 163`` (fitted on 01-149; its default parameters now the shipped
balanced^0.9): 77 errors, (a) boundary 6, (b) feature absent 51, (c) weights 20. Measures first:
missed 20 (Gislaved's list of savings decided, 7, and Växjö's budget items, 3, under a lead-in
read as "contents"; the police's ``Att utföra …`` and ``Polisen lovar att …`` löften, 6;
Skellefteå's decision, 3), extra 36 (Sundsvall's strategy: the sentences indented under each
bold-verb priority, 8 of 13; Markaryd's examples after ``t ex genom att:``, 6; Stenungsund's
focus and field bullets, 5). Goals: 16 missed, 6 of them Sundsvall's vision paragraph read as
one unit (boundary).
Then, by general means, each step's leave-one-organisation-out over 01-162 (measure | goal)
and next sets (134-162, 150-162 measure), parameters fixed (C 0.01, balanced^0.9, shipped):
(A) a list item that opens with ``Att`` + a verb is read by that verb (``Att utföra
fartkontroller …``, ``att anta …``): LOO measure 0.57/0.64 -> 0.58/0.65 (202/313); next
134-162 0.47/0.54 -> 0.47/0.55, 150-162 0.42/0.57 -> 0.42/0.59.
(B) the verbs of a promise commit as ``ska`` does (``lovar att``, ``åtar sig att``, ``förbinder
sig att``): next 134-162 0.48/0.57, 150-162 0.43/0.61; LOO unchanged.
(C) two features with priors from the guide: ``means_first`` (a sentence opening with ``Genom``/
``Med``: how, or what results; 31 of 33 such candidates in 01-162 are neither) and
``lead_in_examples`` (a lead-in giving examples, ``t ex``, ``till exempel``, ``exempelvis``:
decision 6): LOO 0.58/0.65 (348 predicted); 150-162 0.45/0.61; but 76-89 measure P 0.44 ->
0.39 and 111-149 0.57 -> 0.53 (the refit moved other weights; kept for the next steps, which
rest on them).
(D) lead-ins that name the actions of their list by a noun (``Följande beslut … har nämnden
tagit:``, ``Medborgarlöften som ska gälla …:``, ``En rad arbeten sker under 2022:``, ``De nya
projekt som ingår …``, ``Delar ur budget 2024:``; data/forms/action_lists.csv) were read as
contents lead-ins (prior -3 for a measure): LOO measure 0.58/0.65 -> 0.61/0.70 (219/313);
next sets 76-89 0.39/0.55 -> 0.43/0.65, 90-110 0.42/0.29 -> 0.51/0.42, 90-133 0.53/0.48 ->
0.56/0.54, 111-149 0.53/0.60 -> 0.61/0.60, 134-162 0.54/0.74, 150-162 0.51/0.87.
(E) an item that only focuses or prioritises (``Fokusera och prioritera …``, ``PRIORITERA …``)
is a direction (the focus cue; guide: neither), and ``describes_item``: a full sentence indented
under a list item that opens with an action word describes it (decision 10): LOO 219/313, 360 ->
358 predicted; 134-162 0.56/0.74, 150-162 0.53/0.87.
(F) 32 general action verbs added to data/swedish/action_verbs.txt (avsluta, begränsa, ersätta,
lägga ner, mobilisera, omvandla, servera, slå ihop, säga upp, synliggöra, ta bort, tillämpa,
upphandla, utföra …): LOO measure 0.61/0.71 (221/313), goal 0.77/0.72 (178/247); 134-149
0.65/0.48 -> 0.63/0.52, 111-133 P 0.60 -> 0.58; 134-162 0.58/0.78, 150-162 0.56/0.91.
(G) a list item ending in ``:`` leads in the items after it until the list steps back out of
its sub-list (``… t ex genom att:`` over examples): 150-162 measure P 0.56 -> 0.60; LOO 0.62/0.71
(358 predicted).
(H) a sentence that describes its item is read without the list's lead-in and action share
(those introduce the outer items): 150-162 0.61/0.91, goal P 0.77 -> 0.81; LOO unchanged.
After all of it, leave-one-organisation-out over 01-162: measure P 0.62 R 0.71 (221/313, 358
predicted; before 0.57/0.64), goal P 0.77 R 0.72 (178/247); the prior alone (C=0) measure 0.65/0.61
-> 0.68/0.69. Next sets, measure: 58-75 0.60/0.43 (unchanged), 76-89 0.44/0.55 -> 0.45/0.65,
90-110 0.42/0.29 -> 0.51/0.42, 90-133 0.53/0.48 -> 0.55/0.54, 111-133 0.60/0.67 -> 0.58/0.67,
111-149 0.57/0.60 -> 0.60/0.62, 134-149 0.65/0.48 -> 0.63/0.52, 134-162 0.47/0.54 -> 0.62/0.78,
150-162 0.42/0.57 -> 0.61/0.91 (read while changing: optimistic); goals unchanged but 134-162
P 0.73 -> 0.74 and 150-162 P 0.77 -> 0.81. Seeds 1.00/0.98, 0.94/1.00 in sample and in LOO;
seed units identical (parse_golden's seeds digest unchanged). Refit on 01-162 and the seeds;
in sample heldout2 loses a measure (21 -> 20 of 23, 33 predicted) and heldout3 one (28 -> 27),
heldout9's goal precision 0.74 -> 0.69. Not done: Sundsvall's vision paragraph (italic, one
unit holding six goal sentences), Skellefteå's ``ska anställas`` under ``tre mål`` (read as
goals), the four unlabelled bold-verb priorities of 150 (same vector as the six labelled),
Stenungsund's field bullets under ``lovar polisen att:``. Measures remain far from 0.85.
(I) then a run-in role label over prose (``Vision 2035:``, also in Markdown bold, repeated in
each section) names that paragraph only: it is no navigation line for being repeated, and
after the paragraph the section's own path and role return (before, the label took the rest of
the section, lists included). LOO goal 0.77/0.72 (178/247) -> 0.77/0.74 (183/247), measure
0.62/0.71 (222/313, 360 predicted); next 134-162 goal 0.74/0.64 -> 0.75/0.72, 150-162 goal
0.81/0.52 -> 0.81/0.67; 76-89 measure P 0.45 -> 0.42 (text 63 gains an extra), 11 one extra,
29 one measure found; seeds unchanged. Tried first and dropped: reading ``*text*`` as emphasis
rather than a bullet (the vision paragraph then fell to context: 150-162 goal R 0.52 -> 0.45).

The eleventh held-out set (``heldout11``, texts 163-175; thirteen texts, thirteen organisations;
25 measures, 33 goals; labelled blind by LABELLING.md decisions 1-16) was measured once on
2026-12-07 at feed953, after the session's last parser change, the scorer fitted on 01-162 and
the seeds (``results/units_eval_final_heldout11.txt``, as ``units_eval_final.txt`` was named until
the set became development text): measure P 0.50 R 0.40 (10 of 25, 20 predicted),
goal P 0.69 R 0.82 (27 of 33, 39 predicted); without Kungsbacka's 17 goal bullets (168, all
found) goal P 0.45 R 0.62 (10/16, 22 predicted). The nine texts of organisations new to the
scorer (163, 165-170, 172-173; not 171 Östersunds kommun, seed 004's organisation, 164
Norrköping, the seeds' kommun, or the agencies 174-175): measure P 0.44 R 0.24 (4/17, 9
predicted), goal P 0.88 R 0.81 (22/27, 25 predicted). Blind measure figures so far:
0.50/0.27, 0.79/0.56, 0.44/0.52, 0.35/0.35, 0.26/0.35, 0.26/0.27, 0.49/0.47, 0.59/0.43,
0.42/0.57, 0.50/0.40.

heldout11 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
176; the final set is now ``heldout12``, texts 176 on, collected blind by another helper).
Before any of its misses was read, with the features of feed953 and the shipped scorer's
parameters (C 0.01, balanced^0.9, shipped prior): 01-162 -> 163-175 measure P 0.50 R 0.40
(10/25, 20 predicted), goal P 0.69 R 0.82 (27/33, 39 predicted) -- the blind figure, as it must
be; 01-149 -> 150-175 measure 0.58/0.73 (52/71, 89 predicted), goal 0.74/0.74 (49/66, 66
predicted). Leave-one-organisation-out over 01-175: measure P 0.60 R 0.69 (234/338, 390
predicted), goal P 0.77 R 0.75 (209/280, 273 predicted) (over 01-162 it was 0.62/0.71 and
0.77/0.74); seeds 1.00/0.98, 0.94/1.00. Shipped weights unchanged (fitted on 01-162).
``diagnose_units.py 163 176`` (fitted on 01-162): 43 errors, (a) boundary 0, (b) feature absent
39, (c) weights 4; missed measures 15, extra measures 10, missed goals 6, extra goals 12 (8 of
them Norrköping 164's sentences describing its ``Mål 1-3`` and their follow-up lines). Then
regularities of the language and of decisions, each step's leave-one-organisation-out over
01-175 (measure | goal) and next sets, parameters fixed (C 0.01, balanced^0.9, shipped):
(A) the negation ``inte`` is no preterite (its ending read it as one, as ``stärkte``: every
sentence with ``inte`` counted as reporting the past): LOO measure 0.60/0.69 (234/338) ->
0.60/0.70 (236/338), goal unchanged; next 163-175 measure 0.50/0.40 -> 0.52/0.48, 134-149 P
0.63 -> 0.67, 111-133 goal 0.58/0.58 -> 0.57/0.55 (one goal lost).
(B) a present-tense particle verb whose particle follows a sentence adverb or an inverted
subject (``Vi ser också över …``: V2 puts the particle after them) is the listed action verb
(``se över``): LOO 237/338; 163-175 0.54/0.52.
(C) a decision on measures (``har kommunstyrelsen beslutat om en rad åtgärder enligt nedan``;
157's ``har idag beslutat om ett antal besparingsåtgärder``; data/forms/action_lists.csv)
announces its list's actions instead of decision points (LABELLING.md decision 11) -- a
proposal's list (``De löften som föreslås är;``, 137) stays decision points (decision 9): LOO
0.61/0.71 (239/338, 394 predicted); 163-175 0.58/0.60, 150-175 0.59/0.76 -> 0.60/0.80.
(D) a decision ``om att`` + a verb (``beslutades bland annat om att samordna``, 117's ``tog
beslut om att förbereda``) is read as ``att`` + that verb: LOO 240/338; 163-175 0.59/0.64
(117 gains an extra: its ingress summarises an uppdrag labelled later).
(E) ``kommer`` may stand up to six words before its ``att`` (``kommer tillsammans med andra
relevanta aktörer att genomföra``, 78's ``kommer en ny upphandling av vuxenutbildning att
genomföras``): LOO 0.61/0.71 (240/338, 392 predicted), goal 0.77/0.75 (210/280); 163-175
0.61/0.68, 150-175 0.61/0.83; 76-89 measure P 0.42 -> 0.43.
(F) a sentence opening ``Det betyder att`` / ``Det innebär att`` elaborates the one before it
(``describes``; decisions 10 and 16: none of the 12 texts holding it labels it), and ``X syftar
till …`` states what the item it follows aims at (``purpose``; 7 texts, none labelled): LOO
measure 241/338, goal 0.77/0.75 (210/280, 274 -> 272 predicted); 163-175 goal P 0.69 -> 0.73,
150-175 goal P 0.74 -> 0.77, 90-110 measure P 0.51 -> 0.53.
(G) the menu and search buttons of a web page (``Sök``, ``Meny``, ``Stäng Meny``: 149, 151,
160, 174, 85) are furniture: LOO measure 0.62/0.71 (241/338, 391 predicted); 163-175 measure P
0.61 -> 0.63.
(H) an exhortation is a decision formula (``uppmana``: decision 11 lists it beside ``anta`` and
``godkänna``), and what it urges others to do (``uppmana nämnderna att värdera …``) is not read
as the author's act, nor is a participle standing as an adjective (``all anställd personal``):
02's ``Anta handlingsplan … samt uppmana nämnderna att …``, 102's ``… och att uppmana
förvaltningen att …``, 163's ``Uppmana all anställd personal att …``: LOO measure 0.62/0.71
(241/338, 391 -> 387 predicted), goal unchanged; next 163-175 measure P 0.63 -> 0.65, 90-133
0.55 -> 0.56, 111-149 0.59 -> 0.60, but 76-89 0.43 -> 0.42 and 150-162 0.62 -> 0.61 (one extra
each).
Seeds 1.00/0.98, 0.94/1.00 in every step, seed units identical (parse_golden's seeds digest
unchanged; fixtures, 50x10 and features re-recorded). Refit on 01-175 and the seeds: in sample
heldout11 measure 0.63/0.68 (17/25), goal 0.73/0.82 (27/33); heldout7 loses a goal of 101 (``I
Hallsbergs kommun bygger vi …`` now a measure, 22 -> 21 of 30), heldout8 gains an extra measure
(117), heldout one (11: ``Det ska också framgå hur …``). Not done: Norrköping 164's descriptions
under ``Mål 1-3`` (11 goals predicted for 6; a definition and the follow-up lines lettered
``A.``-``C.`` -- the sentence splitter reads ``A.`` as a sentence of its own -- have the
features of the goal sentences under the same heading), Osby 169's decided return to the
workplace and new routine (``ska … återgå``, ``börjar en ny rutin … att gälla``), Lessebo 167's
vision sentences in a flattened PDF, Danderyd 166's decided budget result (``beslutade … om att
nämnderna … ska lämna ett överskott``: a decided state, a goal), Region Västernorrland 170's
ongoing RUS work, and Staffanstorp 165's ``ska`` after a fronted adverbial holding a purpose
clause (one text). ``diagnose_units.py 163 176`` (fitted on 01-162) after A-H: 43 -> 33 errors
((a) 0, (b) 31, (c) 2).

The twelfth held-out set (``heldout12``, texts 176-191; sixteen texts, fifteen organisations,
thirteen new to the corpus; 24 measures, 27 goals, four texts without a label; labelled blind
by LABELLING.md) was measured once on 2026-12-07 at cdb178e, after the session's last parser
change (A-H above), the scorer fitted on 01-175 and the seeds
(``results/units_eval_final_heldout12.txt``, as ``units_eval_final.txt`` was named until the set
became development text): measure P 0.41 R 0.50 (12 of 24, 29 predicted), goal P 0.34 R 0.37
(10 of 27, 29 predicted).
Without the two regeringsuppdrag (186-187, whole texts of an author the scorer knows well):
measure P 0.32 R 0.39 (7/18, 22 predicted). Without Flen's vision page (188: 10 goals, 14
predicted, 2 found): goal P 0.53 R 0.47 (8/17, 15 predicted). The twelve texts of organisations
new to the scorer (not 179 Malmö stad, seed 001's city, 191 Vansbro or 186-187 Regeringen):
measure P 0.33 R 0.43 (6/14, 18 predicted), goal P 0.37 R 0.37 (10/27, 27 predicted). The four
unlabelled texts (179, 183-185) draw 6 measures and 2 goals. Blind measure figures so far:
0.50/0.27, 0.79/0.56, 0.44/0.52, 0.35/0.35, 0.26/0.35, 0.26/0.27, 0.49/0.47, 0.59/0.43,
0.42/0.57, 0.50/0.40, 0.41/0.50.

heldout12 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
192; the final set is now ``heldout13``, texts 192 on, collected blind by another helper).
Before any of its misses was read, with the features of cdb178e and the shipped scorer's
parameters (C 0.01, balanced^0.9, shipped prior): 01-175 -> 176-191 measure P 0.41 R 0.50
(12/24, 29 predicted), goal P 0.34 R 0.37 (10/27, 29 predicted) -- the blind figure, as it must
be; 01-162 -> 163-191 measure 0.53/0.59 (29/49, 55 predicted), goal 0.57/0.62 (37/60, 65
predicted). Leave-one-organisation-out over 01-191: measure P 0.61 R 0.70 (254/362, 417
predicted), goal P 0.73 R 0.71 (219/307, 301 predicted) (over 01-175 it was 0.62/0.71 and
0.77/0.75); heldout12's own folds 0.43/0.54 (13/24, 30 predicted) and 0.34/0.37; seeds
1.00/0.98, 0.94/1.00. Shipped weights unchanged (fitted on 01-175).
``diagnose_units.py 176 192`` (fitted on 01-175): 65 errors, (a) boundary 0, (b) feature absent
54, (c) weights 11; missed measures 12, extra measures 17, missed goals 17, extra goals 19 (20
of the 65 in Flen's vision page, 188). Then regularities of Swedish decisions, each step's
leave-one-organisation-out over 01-191 (parameters fixed: C 0.01, balanced^0.9, shipped):
(I) an uppdrag given in the present (``ger``, ``ges``, ``får`` … ``i uppdrag att``: 176's
``Avslutningsvis ges kommunledningskontoret i uppdrag att undersöka …``, 191's ``… ger
arbetsutskottet i uppdrag att träffa …``, as 11, 105, 142, 146, 31 and 187 labelled already) is
a decision reported as taken, as ``gav``/``fick`` were; a decision ``att`` + a subject + ``ska``
+ an action verb (176's ``beslutade att kommunledningskontoret tillsammans med berörda parter
ska ordna …``, 111's ``har beslutat att valfrihetssystem ska införas``) commits as ``att`` + a
verb does, while a duty to report (118's ``att socialnämnden ska återrapportera``) or a state
(166's ``att nämnderna gemensamt ska lämna ett överskott``, a goal) does not; three general
action verbs (``ordna``; ``byta ut`` and ``hålla igång``, 173's, named by the last engineer):
LOO measure 0.61/0.70 (254/362, 417 predicted) -> 0.62/0.71 (257/362, 415), goal 0.73/0.71
(219/307, 301) -> 0.72/0.71 (219/307, 303); next sets measure 176-191 0.41/0.50 -> 0.45/0.58
(read while changing), 163-191 0.53/0.59 -> 0.55/0.65, 163-175 0.65/0.68 -> 0.67/0.72, 134-149
0.67/0.52 -> 0.68/0.57, 90-133 0.56/0.54 -> 0.58/0.57, 90-110 0.54/0.42 -> 0.56/0.44, goals of
every next set unchanged; seeds 1.00/0.98, 0.94/1.00, seed units identical (parse_golden's
seeds digest unchanged; fixtures, 50x10 and features re-recorded). Refit on 01-191 and the
seeds: in sample heldout12 measure 0.45/0.58 (14/24), goal 0.36/0.37 (10/27); heldout (12: 13
-> 12 of 15 measures), heldout2 (18: 13 -> 12 of 16 goals), heldout3 (29: 27 -> 26 of 34) and
heldout4's goal precision (0.54 -> 0.50) down, heldout7-9 and heldout11 up.
(J) a heading that names its owner in the genitive before its role word (``Flens kommuns
vision``; ``Kommunfullmäktiges mål`` in 161, 162, 168) gives its section that role, as the
role word alone does -- inside a document; as the document's title (161, 162, 168) it names the
page's subject, as a title naming a whole role already did, and the text under it keeps its
own reading; and a web page's skip links (``Hoppa till innehåll``, ``Gå direkt till sidans
innehåll``, ``Länk till startsidan``, ``Hoppa över navigering``: 13 texts, 12 organisations)
are furniture, no longer the page's title (162's ``Kommunfullmäktiges mål`` was read below
``Länk till startsidan``): LOO goal 0.72/0.71 (219/307, 303 predicted) -> 0.74/0.74 (226/307,
306), measure 257/362 (415 -> 416 predicted); next sets goal 176-191 0.34/0.37 -> 0.49/0.67
(Flen 188's ten vision sentences found, 22 predicted: the summary and history above the
vision heading also read as goals), 163-191 0.57/0.62 -> 0.62/0.75, but 111-133 0.57/0.55 ->
0.55/0.52, 111-149 0.65/0.66 -> 0.64/0.64, 90-133 0.63/0.64 -> 0.62/0.62 (111's ``Eftersom
målet är att …`` goal, whose main clause gives an uppdrag, lost under the new weights), 150-175
goal P unchanged. A negation between a particle verb and its particle denies the action (``Vi
byter inte ut …``, now that ``byta ut`` is listed). Seeds 1.00/0.98, 0.94/1.00, seed units
identical. Refit on 01-191 and the seeds: in sample heldout12 goal 0.50/0.67 (18/27), heldout8
goal 20 -> 19 of 31 (111).

The thirteenth held-out set (``heldout13``, texts 192-206; fifteen texts, thirteen
organisations, twelve new to the corpus: eleven kommuner and Region Skåne, and Regeringen's
three whole texts; 38 measures, 32 goals, one text without a label; labelled blind by
LABELLING.md) was measured once on 2026-12-07 at b68e323, after the session's last parser
change (I, J above and the ``verb_tense`` fix: ``inte``, ``ende`` are no preterites), the scorer
fitted on 01-191 and the seeds (``results/units_eval_final_heldout13.txt``, as
``units_eval_final.txt`` was named until the set became development text): measure P 0.55 R 0.63
(24 of 38, 44 predicted), goal P 0.73 R 0.69 (22 of 32, 30 predicted). Without Regeringen's three
texts (197, 198, 202: 11 measures) -- the twelve texts of organisations new to the scorer --
measure P 0.50 R 0.63 (17/27, 34 predicted), goal P 0.76 R 0.69 (22/32, 29 predicted). Two
goal pages (192 Nyköping, 206 Ystad) hold 21 of the 32 goals and give 17 of the 22 found.
Blind measure figures so far: 0.50/0.27, 0.79/0.56, 0.44/0.52, 0.35/0.35, 0.26/0.35,
0.26/0.27, 0.49/0.47, 0.59/0.43, 0.42/0.57, 0.50/0.40, 0.41/0.50, 0.55/0.63.

heldout13 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
207; the final set is now ``heldout14``, texts 207 on, collected blind by another helper).
Before any of its misses was read, with the features of b68e323 and the shipped scorer's
parameters (C 0.01, balanced^0.9, shipped prior): 01-191 -> 192-206 measure P 0.55 R 0.63
(24/38, 44 predicted), goal P 0.73 R 0.69 (22/32, 30 predicted) -- the blind figure, as it must
be; 01-175 -> 176-206 measure 0.51/0.61 (38/62, 74 predicted), goal 0.60/0.68 (40/59, 67
predicted). Leave-one-organisation-out over 01-206: measure P 0.61 R 0.71 (283/400, 463
predicted), goal P 0.73 R 0.73 (248/339, 341 predicted) (over 01-191 it was 0.62/0.71 and
0.74/0.74); heldout13's own folds 0.55/0.63 (24/38, 44 predicted) and 0.71/0.69 (22/32, 31
predicted); seeds 1.00/0.98, 0.94/1.00. Shipped weights unchanged (fitted on 01-191), so
heldout13 in sample is its blind figure.
``diagnose_units.py 192 207`` (fitted on 01-191): 52 errors, (a) boundary 2, (b) feature absent
35, (c) weights 15; missed measures 14, extra measures 20, missed goals 10, extra goals 8. Then
regularities shared by two or more organisations, LOO-org over 01-206 with the parameters fixed
(C 0.01, balanced^0.9, shipped): (K) a protocol's ``lägga … till handlingarna`` (a report or
information placed on file: 123 Norrbotten's decision point, 196 Varberg's two information items,
134 Markaryd's) is a decision formula that notes and commits to nothing (LABELLING.md decision
11), as ``notera`` is; (L) the goal phrase with the verb before its subject after an opening
adverbial, V2 order (``Fram till 2020 är målet att …`` 193, ``För fokusområdet medarbetare är det
övergripande målet att …`` 93; step 3); together measure 0.61/0.71 (283/400, 463 predicted) ->
0.62/0.71 (283/400, 460), goal 0.73/0.73 (248/339, 341) -> 0.73/0.74 (250/339, 342). (M) a sum
granted to a named body (cue ``granted``: ``får``/``tilldelas``/ ``beviljas`` + an amount in
figures or words; 176 Karlstad's ``får även 500 kronor per anställd till personalvårdande
aktiviteter``, 193 Eskilstuna's four kompletteringar, 194 Region Skåne's grant; LABELLING.md
decisions 11 and 14): 460 -> 459 predicted, hits unchanged (193's items stay under their lead-in
``Bland de kompletteringar … kan nämnas:``, read as contents; 12 Hammarö's ramtillskott becomes
an extra), next sets 163-191 and 176-206 one measure more. (N) ``dubbla``, ``fördubbla``,
``halvera`` join the action verbs (changes by a bounded factor, as ``öka``, ``minska``; 204
Norrtälje's ``Kommunen dubblar antalet sommarjobb``, 123 Norrbotten's ``dubbla ersättningen``):
measure 283 -> 284 of 400. (O) the fields of a protocol's certificate run into a sentence when a
protocol is flattened (cue ``protocol_form``: ``Utses att justera``, ``Datum då anslaget sätts
upp``; 196 Varberg, and 21 Falkenberg's, there on lines of their own that are furniture already):
196's two extras gone, measure 0.62/0.71 (284/400, 458 predicted). (P) a list named for the
decisions it holds (``Beslut:`` 191 Vansbro, ``Beslutet blev följande:`` 203 Falun, beside 156
Gislaved's ``Följande beslut … har socialnämnden tagit``, data/forms/action_lists.csv) announces
actions, its preterite the day's decision, not work done (decision 11): 284 -> 286 of 400 (191: 1
-> 3 of 4, 203: 5 -> 6 of 6; 56 Örebro loses one), 460 predicted; (Q) a styrelse's statutory
``utövar``/``har uppsikt över`` is a remit (decision 15; 200 Helsingborg, 177 Borås, 66 Mark):
460 -> 458 predicted. (R) ``fatta … beslut``, ``besluta`` in two words, is a decision formula: a
decision still to be taken names no action (203 Falun's ``I augusti kommer nämnden att fatta
viktiga beslut …``, 63 Regionförbundet Jönköping's ``Under 2013 ska Regionstyrelsen fatta beslut
om …``; decisions 9 and 11): 458 -> 456 predicted, 203's extra goal gone too (342 -> 341), but
the next sets fitted on fewer texts shift a little (58-75 goal 36 -> 35 of 43, 76-89 measure 29
-> 31 predicted, 90-133 87 -> 88). In all, LOO measure 0.61/0.71 (283/400, 463 predicted) ->
0.63/0.71 (286/400, 456), goal 0.73/0.73 (248/339, 341) -> 0.73/0.74 (250/339, 341); heldout13's
own folds 0.55/0.63 (24/38, 44 predicted) -> 0.65/0.68 (26/38, 40), goal 0.71/0.69 -> 0.74/0.72
(23/32, 31); next sets 192-206 0.55/0.63 -> 0.65/0.68 (goal 0.73/0.69 -> 0.74/0.72), 176-206
0.51/0.61 -> 0.59/0.69 (read while changing), 176-191 0.47/0.58 -> 0.52/0.71, 163-191 0.56/0.65
-> 0.58/0.71, 90-133 0.57/0.57 -> 0.58/0.57, 90-110 goal 0.69/0.73 -> 0.70/0.77, 76-89 0.43/0.65
-> 0.42/0.65 and 58-75 goal 0.84 -> 0.81 down; seeds 1.00/0.98, 0.94/1.00, seed units identical.
Refit on 01-206 and the seeds: in sample heldout13 0.65/0.68 (26/38), goal 0.74/0.72 (23/32);
heldout (12's ramtillskott) loses a measure's precision, heldout3, heldout8 and heldout12 gain.
Left: 193's list under a contents lead-in (4 measures), 194's decisions in a press release's
bullets (3), 198's ``Utredaren ska bland annat:`` (a filler between the modal and the colon reads
as a contents lead-in; only Regeringen writes it), 192's and 200's vision pages (4 missed goals,
9 extras), 202's remit of a centre to be proposed (LABELLING.md decision 17: no row; 3 extras).

The fourteenth held-out set (``heldout14``, texts 207-224; eighteen texts, fifteen
organisations, twelve new to the corpus: eight kommun pages, Region Västernorrland's news page,
four agencies' pages, Mittuniversitetet's plan and four whole regeringsuppdrag of Regeringen;
33 measures, 31 goals, one text without a label; labelled blind by LABELLING.md) was measured
once on 2026-12-07 at d360715, after the session's last parser change (heldout13's forms above),
the scorer fitted on 01-206 and the seeds (``results/units_eval_final_heldout14.txt``, as
``units_eval_final.txt`` was named until the set became development text): measure P 0.43 R
0.61 (20 of 33, 47 predicted), goal P 0.32 R 0.48 (15 of 31, 47 predicted). Without the four
regeringsuppdrag (209, 210, 217, 218; 12 of their 14 measures found) measure P 0.27 R 0.42 (8/19,
30 predicted); the twelve texts of new organisations measure P 0.21 R 0.36 (5/14, 24 predicted),
goal P 0.28 R 0.57 (12/21, 43 predicted). Two vision pages (219 Ludvika, 220 Mölndal) draw 35
goals for 7 labelled; without them goal P 0.83 R 0.42. Blind measure figures so far: 0.50/0.27,
0.79/0.56, 0.44/0.52, 0.35/0.35, 0.26/0.35, 0.26/0.27, 0.49/0.47, 0.59/0.43, 0.42/0.57,
0.50/0.40, 0.41/0.50, 0.55/0.63, 0.43/0.61.

heldout14 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
225; the final set is now ``heldout15``, texts 225 on, collected blind by another helper).
Before any of its misses was read, with the features of d360715 and the shipped scorer's
parameters (C 0.01, balanced^0.9, shipped prior): 01-206 -> 207-224 measure P 0.43 R 0.61
(20/33, 47 predicted), goal P 0.32 R 0.48 (15/31, 47 predicted) -- the blind figure, as it must
be; 01-191 -> 192-224 measure 0.53/0.65 (46/71, 86 predicted), goal 0.49/0.60 (38/63, 78
predicted). Leave-one-organisation-out over 01-224: measure P 0.61 R 0.70 (304/433, 498
predicted), goal P 0.68 R 0.72 (266/370, 393 predicted) (over 01-206 it was 0.63/0.71 and
0.73/0.74); heldout14's own folds 0.43/0.61 (20/33, 47 predicted) and 0.32/0.48 (15/31, 47
predicted), its blind figure; seeds 1.00/0.98, 0.94/1.00. Shipped weights unchanged (fitted on
01-206), so heldout14 in sample is its blind figure.

heldout14's misses read (``benchmarks/diagnose_units.py 207 225``: of 88 errors 9 boundary, 66
feature absent, 13 weights; 32 of the 59 extras are goals, 30 of them on the vision pages 219
Ludvika and 220 Mölndal). Three forms that many organisations' pages share and the features did
not see, each written into the prior as neither goal nor measure (C 0.01, balanced^0.9, refit
on 01-224 and the seeds): (S) a **question** (the sentence ends in ``?``: a page's ``Vad händer
nu?``, a survey's or a feedback widget's question; none of the 29 question candidates of 01-224,
some twenty organisations, is labelled); (T) **the reader addressed** as the subject (``du``
among the main clause's first four words: ``Här kan du läsa …``, ``Klickar du på …``,
``Dessutom får du …`` -- what a page tells or offers the reader, the benefit pages of an
employer; none of 51 candidates, some twenty-five organisations, is labelled); (U) **a sentence
about the goals under a goal heading** (it names mål, vision, ambition but states none: no goal
phrase, no ``ska`` + state -- ``Målen utgår från invånarna …``, ``Mölndals vision 2022 innehåller
tre fokusområden …``, ``Här är de mål som kommunfullmäktige har beslutat …``; LABELLING.md
decisions 15 and 16; none of 18 candidates, nine organisations, is labelled, where the goal
heading had made 15 of them goals). LOO-org over 01-224: measure P 0.61 R 0.70 (304/433, 498
-> 495 predicted), goal P 0.68 -> 0.72, R 0.72 (266/370, 393 -> 371 predicted); heldout14's own
folds goal 0.32/0.48 -> 0.45/0.48 (47 -> 33 predicted; 219 17 -> 11, 220 18 -> 10), measure
0.43/0.61 unchanged; next sets: goal precision up in ten of seventeen (90-133 0.63 -> 0.70,
111-133 0.55 -> 0.64, 176-191 0.49 -> 0.53, 192-224 0.49 -> 0.60, 207-224 0.32 -> 0.45), no
recall lost, measure 207-224 47 -> 48 predicted (0.43 -> 0.42), 176-191 0.52 -> 0.57, 163-191
0.58 -> 0.61. Seeds 1.00/0.98, 0.94/1.00. In sample the refit moves heldout4 down (56's ``En
första linje ska utvecklas, …`` now a goal). (V) A list's lead-in whose **subject is a
document** (``Handlingsplanen ska fungera som ett vägledande och stödjande verktyg genom att:``
[215], ``Den strategiska planen bygger på …`` [138], ``Den uppdaterade strategin … utgår från``
[46]) announces no actions, ``genom att:`` notwithstanding: its items say what the document
does or holds (LABELLING.md decisions 12 and 15; none of the 13 such items, three
organisations, is labelled); a lead-in that
names actions (``Planen innehåller följande åtgärder:``) or puts the document after a
preposition (``I planen ingår att:``) still announces them. LOO-org measure 0.61 -> 0.62, R 0.70
(304/433, 495 -> 492 predicted: 215's four extras gone, 05 one more), goal 266 -> 267 of 370;
next sets 207-224 measure 0.42 -> 0.45 (44 predicted), 192-224 0.53 -> 0.56, the others
unchanged; seeds unchanged. Left: 223 Statskontoret's dash list flattened by
the PDF into three lines (``… samhället - analysera hur …``: five steps merged into two units;
no other organisation's text in the corpus has the form, so no rule); 220's numbered step menu
(``1`` / ``Vision och mål`` / ``2`` / …) nests every later heading under ``Vision och mål``
(one organisation); 219's sentences under its goal heading that describe without naming goals
(``De handlar om …``, ``Vi prioriterar barn och unga.``); 212 Piteå's ongoing fields (``… pågår
på flera håll``) read as measures; 210's att-clause goals after ``i syfte att`` lead-ins.

The fifteenth held-out set (``heldout15``, texts 225-243; nineteen stored pages of eighteen
organisations, fourteen new to the corpus: fifteen kommun texts, two regions', a
samordningsförbund's and an agency's; news pages, decisions in brief, a nämnd's memo, budget
and vision pages; no regeringsuppdrag; 32 measures, 38 goals, two texts without a label;
labelled blind by LABELLING.md) was measured once on 2026-12-08 at 9bcce62, after the session's
last parser change (above), the scorer fitted on 01-224 and the seeds
(``results/units_eval_final_heldout15.txt``, as ``units_eval_final.txt`` was named until the set
became development text): measure P 0.46 R 0.38 (12 of 32, 26 predicted), goal P 0.65 R 0.45
(17 of 38, 26 predicted). The fifteen texts of organisations new to the corpus: measure P 0.39
R 0.33 (7/21, 18 predicted), goal P 0.65 R 0.47 (17/36, 26 predicted); the fifteen
kommun texts measure 0.43/0.43 (10/23, 23 predicted). Åstorp's vision page (241) holds 15
goals, 4 found (5 predicted); without it goal P 0.62 R 0.57 (13/23, 21 predicted). Four news
and plan texts find none of their 16 measures (234 Samordningsförbundet's verksamhetsplan news
0/4, 236 Botkyrka's budget news 0/4, 242 Hässleholm's corona newsroom 0/4, 240 Partille 2/4).
The two texts without a label draw nothing. Blind measure figures so far: 0.50/0.27, 0.79/0.56,
0.44/0.52, 0.35/0.35, 0.26/0.35, 0.26/0.27, 0.49/0.47, 0.59/0.43, 0.42/0.57, 0.50/0.40,
0.41/0.50, 0.55/0.63, 0.43/0.61, 0.46/0.38.

heldout15 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
244; the final set is now ``heldout16``, texts 244 on, collected blind by another helper).
Before any of its misses was read, with the features of 9bcce62 and the shipped scorer's
parameters (C 0.01, balanced^0.9, shipped prior): 01-224 -> 225-243 measure P 0.46 R 0.38
(12/32, 26 predicted), goal P 0.65 R 0.45 (17/38, 26 predicted) -- the blind figure, as it must
be; 01-206 -> 207-243 measure 0.46/0.49 (32/65, 70 predicted), goal 0.54/0.46 (32/69, 59
predicted). Leave-one-organisation-out over 01-243 with the shipped scorer (the lead's
measurement at the flip): measure P 0.60 R 0.69 (320/465, 533 predicted), goal P 0.70 R 0.70
(285/408, 406 predicted). Shipped weights unchanged (fitted on 01-224), so heldout15 in sample
is its blind figure.

heldout15's misses, read after that (``diagnose_units.py 225 244``): 236 Botkyrka's budget news
and 127 Vaggeryd's goal page (heldout8) lost their whole text to a ``Kontakt`` link in the page
header, read as a contact block that holds what follows; a widget's name alone on a line above
all of the page's running text (no unit of five words or more yet) is now a link (furniture
itself, no block). 241 Åstorp's vision sentences stood under ``Visionen i sin helhet``, a
heading that names the vision in the definite form, which the heading vocabulary (``vision``)
did not match: a heading that opens with a role word in another form (definite or plural:
``Visionen …``, ``Målområden``) and holds no finite verb takes that role -- not the aim *with*
something (``Syftet med bemanningen``: an activity's purpose, LABELLING.md decisions 10 and 17).
Refit on 01-243 and the seeds (C 0.01, balanced^0.9, shipped). LOO-org over 01-243: measure
P 0.60 -> 0.59 R 0.69 (320/465, 533 -> 539 predicted: the refit's weights, no text gains or
loses a hit), goal P 0.70 R 0.70 -> 0.72 (285 -> 293/408, 406 -> 418 predicted: 241 4 -> 12 of
15, 236 0 -> 1 of 2; 127 draws 6 unlabelled goals, its 'skall' conditions on the goals under
``Följande skall också gälla för målen:``); heldout15's own folds goal 0.64/0.47 -> 0.70/0.68;
next sets 01-224 -> 225-243 goal 0.65/0.45 -> 0.72/0.68 (measure 0.46/0.38 unchanged), 01-206
-> 207-243 goal 0.54/0.46 -> 0.60/0.59, 01-110 -> 111-133 goal P 0.64 -> 0.52 (127); seeds
1.00/0.98, 0.94/1.00. Left: 234's noun-phrase work item under ``Fokusområden 2024:``
(``Implementering av BIP``) and 236's ``Bland annat …`` paragraphs under the run-in headings
after ``Fyra fokussatsningar görs:`` (now read, as context: one text each shows the form); 242's
narration before an inline quote (``… till alla som är anslutna. - Vi hoppas …, säger …``) is
marked reported speech with its paragraph (one organisation); 228 Värnamo's goal headings after
a heading that names four goals.

The sixteenth held-out set (``heldout16``, texts 244-258; fifteen stored pages of fifteen
kommuner, all new to the corpus: decisions in brief, news lists, vision and goal pages, a
policy page; 32 measures, 33 goals, one text without a label; labelled blind by LABELLING.md)
was measured once on 2026-12-08 at 20c4beb, after the session's last parser change (above), the
scorer fitted on 01-243 and the seeds (``results/units_eval_final.txt``): measure P 0.36 R 0.47
(15 of 32, 42 predicted), goal P 0.50 R 0.64 (21 of 33, 42 predicted). Håbo's fullmäktige
decision (245, seven investments as ``Projekt (nämnd)`` lines) gives 0 of 7; without it measure
P 0.37 R 0.60 (15/25, 41 predicted). The six vision and goal pages: goal P 0.56 R 0.61 (19/31,
34 predicted). Blind measure figures so far: 0.50/0.27, 0.79/0.56, 0.44/0.52, 0.35/0.35,
0.26/0.35, 0.26/0.27, 0.49/0.47, 0.59/0.43, 0.42/0.57, 0.50/0.40, 0.41/0.50, 0.55/0.63,
0.43/0.61, 0.46/0.38, 0.36/0.47.

heldout16 then became development text and training data (``unit_labels.FIRST_FINAL_NUMBER``
259; the final set is now ``heldout17``, texts 259 on, collected blind by another helper).
The shipped weights were not refitted with it in that session: the next-set check and the
reading of its misses are the next units engineer's first step.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from unit_corpus import cases, fmt_score, spans_of  # noqa: E402
from unit_labels import (  # noqa: E402
    DEVELOPMENT_SPLITS,
    FINAL_SPLITS,
    SCORED_KINDS,
    Label,
    Score,
    Span,
    level_agreement,
    missed,
    read_labels,
    score,
    spurious,
)

RESULTS = REPO / "benchmarks" / "results" / "units_eval.txt"
# The final held-out measurement is kept in a file of its own, beside the development table.
FINAL_RESULTS = REPO / "benchmarks" / "results" / "units_eval_final.txt"


def _commit() -> str:
    """The checkout's commit, and whether files it tracks were changed (what was measured)."""
    git = ["git", "-C", str(REPO)]
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True)  # fmt: skip
    if head.returncode != 0:
        return "unknown (not a git checkout)"
    return head.stdout.strip() + (" with uncommitted changes" if dirty.stdout.strip() else "")


def evaluate(split: str, show: str | None = None, final: bool = False) -> str:
    """The table (and, for texts whose name starts with ``show``, what they miss and add)."""
    head = f"{'text':<58}{'group':<10}{'form':<17}{'measure P    R   hit/lab pred':<30}"
    head += "goal P    R   hit/lab pred   levels"
    lines = [head, "-" * len(head)]
    totals: dict[str, dict[str, Score]] = {}
    details = []
    for name, group, form, text, path in cases(split, final):
        labels = read_labels(path, text)
        spans = spans_of(text, form)
        scores = {k: score(labels, spans, k) for k in SCORED_KINDS}
        agree, compared = level_agreement(labels, spans)
        lv = f"{agree}/{compared}" if compared else ""
        lines.append(
            f"{name[:57]:<58}{group:<10}{form:<17}{fmt_score(scores['measure']):<30}"
            f"{fmt_score(scores['goal'])}   {lv}"
        )
        for k in SCORED_KINDS:
            zero = Score(0, 0, 0)
            totals.setdefault(group, {}).setdefault(k, zero)
            totals[group][k] = totals[group][k] + scores[k]
        if show and name.startswith(show):
            details.append(_details(name, text, labels, spans))
    lines.append("-" * len(head))
    for group, by_kind in totals.items():
        lines.append(
            f"{'overall ' + group:<58}{group:<10}{'':<17}{fmt_score(by_kind['measure']):<30}"
            f"{fmt_score(by_kind['goal'])}"
        )
    return "\n".join(lines + details) + "\n"


def _details(name: str, text: str, labels: list[Label], spans: list[Span]) -> str:
    out = [f"\n== {name}"]
    for k in SCORED_KINDS:
        for lb in missed(labels, spans, k):
            got = next((s.kind for s in spans if s.start <= lb.start < s.end), "none")
            out.append(f"  missed {k:<8} (got {got}): {lb.quote[:70]!r}")
        for s in spurious(labels, spans, k):
            out.append(f"  extra  {k:<8}: {' '.join(text[s.start : s.end].split())[:90]!r}")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    splits = (*DEVELOPMENT_SPLITS, *FINAL_SPLITS, "all")
    parser.add_argument("--split", choices=splits, default="dev")
    parser.add_argument("--show", default=None, help="print misses and extras of texts by prefix")
    parser.add_argument("--no-write", action="store_true", help="do not write the results file")
    parser.add_argument(
        "--final", action="store_true", help="include the final held-out sets: once"
    )
    args = parser.parse_args()
    if args.split in FINAL_SPLITS and not args.final:
        parser.error(f"--split {args.split} is the final held-out set: it needs --final")
    table = evaluate(args.split, args.show, args.final)
    print(table, end="")
    if not args.no_write and not args.show:
        history = __doc__.split("History of", 1)[1]
        out = FINAL_RESULTS if args.final else RESULTS
        head = f"split: {args.split}{' (--final)' if args.final else ''}\ncommit: {_commit()}\n"
        out.write_text(f"{head}\n{table}\nHistory of{history}", encoding="utf-8")
        print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
