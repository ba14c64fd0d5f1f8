"""The unit-kind scorer: each feature on examples written for the test, the derivation rules it
rests on, the estimator contract and the weight files.

The sentences here are made up in the shapes plans use; none is copied from a corpus text.
"""

from __future__ import annotations

import csv

import numpy as np
import pytest
from sklearn.base import clone

from plancompare.forms import kinds
from plancompare.forms.kinds import (
    CUES,
    FEATURES,
    Candidate,
    KindScorer,
    features,
    kind_of,
    recording,
    use,
)
from plancompare.forms.vocab import read_rows
from plancompare.paths import RESOURCES
from plancompare.swedish.derivation import (
    action_nouns,
    is_action_noun,
    is_action_participle,
    verb_tense,
)

S = Candidate  # a sentence of running prose


def I(text: str, **kw) -> Candidate:  # noqa: E743 -- an item, as the tables below read
    return Candidate(text, item=True, **kw)


# ------------------------------------------------------------------ derivation (swedish)


def test_action_nouns_are_derived_from_the_verbs_and_checked_against_the_word_list():
    nouns = action_nouns()
    # -ning/-ing, ablaut (se över → översyn), particle first (följa upp), -an, -ande, -e
    for noun in ("kartläggning", "inventering", "översyn", "uppföljning", "samverkan",
                 "införande", "arbete", "utbyggnad"):  # fmt: skip
        assert noun in nouns, noun
    # present participles, a preposition's compound and the starch are not made
    assert not {"ledande", "engagerande", "förverkande"} & nouns
    assert is_action_noun("Kompetensinventeringen")  # a compound ending in one, inflected
    assert not is_action_noun("Arbetsmiljön") and not is_action_noun("Lärare")


def test_participles_and_tenses_are_read_off_the_lemma():
    assert is_action_participle("Förstärkt") and is_action_participle("Utökad")
    assert not is_action_participle("Gammal")
    got = [verb_tense(w) for w in ("Rekrytera", "rekryterar", "rekryteras", "rekryterade",
                                   "rekryterat", "rekryterande", "tog", "lärare")]  # fmt: skip
    assert got == [
        "infinitive", "present", "passive", "preterite", "supine", "other", "preterite", ""
    ]  # fmt: skip


# ------------------------------------------------------------------ each feature

# (feature, a candidate that has it, a candidate that does not)
CASES = [
    ("goal_phrase", S("Ambitionen är att alla ska ha en mentor."), S("Alla ska få en mentor.")),
    (  # the verb before its subject after an opening adverbial (V2); a negation names no aim
        "goal_phrase",
        S("På sikt är det övergripande målet att alla ska ha en mentor."),
        S("Det är inte målet att alla ska ha en mentor."),
    ),
    ("enabling", S("Nämnden ska skapa goda förutsättningar för lärande."), S("Nämnden ska lära.")),
    (  # in a purpose clause it is the purpose of what the sentence says, not its aim
        "enabling",
        S("Planen ska skapa förutsättningar för lärande."),
        S("Nämnden ska utbilda chefer för att skapa förutsättningar för lärande."),
    ),
    (
        "uppdrag_given",
        S("Fullmäktige ger nämnden i uppdrag att utreda lönerna."),
        S("Nämnden gav 2019 förvaltningen i uppdrag att utreda lönerna."),
    ),
    (  # given in the past tense: a report of background
        "uppdrag_given",
        S("Utskottet beslutar att ge förvaltningen i uppdrag att utreda lönerna."),
        S("Utskottet beslutade att ge förvaltningen i uppdrag att utreda lönerna."),
    ),
    (
        "uppdrag_held",
        S("Uppdraget innebär att inventera behoven."),
        S("Uppdraget är viktigt för regionen."),
    ),
    (  # a standing uppdrag is a remit (LABELLING.md decision 15)
        "uppdrag_standing",
        S("Enheten har två handläggare i uppdrag att följa upp placeringar."),
        S("Enheten har fått i uppdrag att följa upp placeringar."),
    ),
    (  # a verb of doing with only a field as object; a named task is no field
        "field_work",
        S("Kommunen arbetar aktivt med jämställdhet."),
        S("Kommunen arbetar med att ta fram en plan."),
    ),
    (  # an improvement with no bounded means is a state to reach; with them, a measure
        "improve_state",
        S("Samarbetet med skolorna ska stärkas."),
        S("Samarbetet ska stärkas genom gemensamma träffar."),
    ),
    (
        "perfect_task",
        S("Alla chefer ska ha presenterat resultatet senast i maj."),
        S("Alla chefer ska ha rätt till stöd."),
    ),
    (
        "generic_actions",
        S("Flera åtgärder och aktiviteter kommer att genomföras årligen."),
        S("En enkät kommer att genomföras årligen."),
    ),
    (
        "allocation",
        S("Budgeten ger 12 miljoner kronor mer till skolan."),
        S("Budgeten ger medel för att bygga en ny skola."),
    ),
    (  # a sum granted to a named body, in words or in figures; a body that gets anything else
        "granted",
        S("Kulturnämnden får fem miljoner kronor för en ny sommarskola."),
        S("Kulturnämnden får fem nya medarbetare till sommarskolan."),
    ),
    (  # a flattened protocol's certificate; a notice put up is no certificate field
        "protocol_form",
        S("Sammanträdesdatum 3 maj 2024 Datum då anslaget sätts upp 8 maj 2024"),
        S("Nämnden sätter upp en anslagstavla i entrén."),
    ),
    (
        "remit",
        S("Länsstyrelsen har ett särskilt ansvar för samordningen."),
        S("Länsstyrelsen samordnar arbetet."),
    ),
    (  # a styrelse's statutory oversight is a remit
        "remit",
        S("Styrelsen leder och samordnar arbetet och utövar uppsikt över bolagen."),
        S("Styrelsen ger bolagen i uppdrag att se över sina lokaler."),
    ),
    (
        "uppdrag_received",
        S("Skolverket har fått i uppdrag att ta fram stöd."),
        S("Skolverket ska ta fram stöd."),
    ),
    (
        "ongoing",
        S("Just nu pågår en kartläggning av behoven."),
        S("Trots det fortsätter sjukfrånvaron att vara hög."),
    ),
    ("focus", S("Under året läggs stort fokus på introduktionen."), S("Introduktionen är viktig.")),
    ("deliverable", S("Under hösten kommer en ny plan att tas fram."), S("Planen är ny.")),
    (  # an agreement to act is a decision to act
        "deliverable",
        S("Nämnden är överens om att fortsätta satsningen på mentorer."),
        S("Nämnden är överens om att anta planen."),
    ),
    (  # a choice to act, not a decision formula
        "deliverable",
        S("Därför har vi valt att göra de största satsningarna på vården."),
        S("Därför har vi valt att anta planen."),
    ),
    (
        "done",
        S("Förvaltningen har genomfört en enkät."),
        S("Förvaltningen ska genomföra en enkät."),
    ),
    ("describes", S("I planen beskrivs tio prioriteringar."), S("Planen har tio prioriteringar.")),
    ("describes", S("Arbetet bygger på samverkan."), S("Regionen bygger nya lokaler.")),
    (  # a sentence elaborating the one before it (LABELLING.md decisions 10 and 16)
        "describes",
        S("Det betyder att fler chefer får stöd."),
        S("Beslutet betyder att fler chefer får stöd."),
    ),
    (  # a dated event, after a step label or not
        "deliverable",
        S("Del 2: Under våren sker intervjuer med chefer."),
        S("Fördelningen sker utifrån behoven."),
    ),
    ("rationale", S("Det råder brist på socionomer."), S("Vi anställer socionomer.")),
    ("legal", S("Av 6 kap skollagen följer att huvudmannen ansvarar."), S("Huvudmannen ansvarar.")),
    ("purpose", S("Syftet med kampanjen är att nå unga."), S("Kampanjen når unga.")),
    ("purpose", S("Kampanjen syftar främst till att nå unga."), S("Kampanjen siktar på unga.")),
    ("item", I("Rekrytera fler"), S("Vi rekryterar fler.")),
    ("verb_first", I("Kartlägg behoven av chefer"), I("Behoven av chefer")),
    ("infinitive_first", I("Belysa villkoren för praktik"), I("Kartlägg villkoren för praktik")),
    ("present_first", I("inventerar lokalerna inför hösten"), I("inventera lokalerna")),
    ("noun_first", I("Översyn av arvodena"), S("Översyn av arvodena pågår.")),
    ("participle_first", I("Förbättrad introduktion för nyanställda"), I("God introduktion")),
    (
        "decision_formula",
        S("Styrelsen beslutar att godkänna rapporten."),
        S("Styrelsen ska godkänna rapporten och utreda kostnaderna."),
    ),
    (  # an exhortation: what others are urged to do is not the author's act (decision 11)
        "decision_formula",
        I("Anta planen samt uppmana nämnderna att genomföra en översyn"),
        I("Anta planen samt genomföra en översyn"),
    ),
    (  # a participle standing as an adjective is no verb of the decision
        "decision_formula",
        I("Anta planen för all anställd personal"),
        I("Anta planen och anställ fler lärare"),
    ),
    (
        "modal_action",
        S("Förvaltningen ska genomföra en medarbetarenkät."),
        S("Förvaltningen ska vara en attraktiv arbetsgivare."),
    ),
    (  # a duty to report is follow-up, no task (LABELLING.md, step 2)
        "modal_action",
        S("Förvaltningen ska genomföra en medarbetarenkät."),
        S("Myndigheten ska redovisa fördelningen av medlen."),
    ),
    (  # a decision reported as taken that commits to an action (LABELLING.md decision 11)
        "decided_action",
        S("Kommunstyrelsen gav förvaltningen i uppdrag att utreda lokalerna."),
        S("Kommunstyrelsen beslutade att godkänna rapporten."),
    ),
    (  # "om att" + a verb decides that act, as "att" + a verb does
        "decided_action",
        S("Vid mötet beslutades bland annat om att samordna praktiken."),
        S("Vid mötet beslutades bland annat om att godkänna praktikplanen."),
    ),
    (  # the present reports the decision of the day: ges/ger/får … i uppdrag att (176, 191, 146)
        "decided_action",
        S("Avslutningsvis ges kontoret i uppdrag att undersöka möjligheten."),
        S("Avslutningsvis ges kontoret möjlighet att undersöka frågan."),
    ),
    (  # a decision that a named body or thing shall act: att + subject + ska + action (111, 176)
        "decided_action",
        S("Kommunfullmäktige har beslutat att valfrihetssystem ska införas för nämnden."),
        S("Kommunstyrelsen beslutade att socialnämnden ska återrapportera i oktober."),
    ),
    (
        "decided_action",
        S("Kommunfullmäktige beslutade att flytta ansvaret till nämnden."),
        Candidate("Kommunfullmäktige beslutade att flytta ansvaret.", section="context"),
    ),
    (
        "present_state",
        S("Invånarna är nöjda med servicen."),
        S("Det finns brist på lärare."),
    ),
    (  # the negation is no preterite: a sentence with "inte" reports nothing
        "past",
        S("Vi släckte belysningen i lokalerna."),
        S("Vi släcker inte belysningen i tomma lokaler."),
    ),
    ("state_item", I("Invånarna är nöjda med servicen"), S("Invånarna är nöjda med servicen.")),
    (  # "kommer" may stand a few words before its "att": an adverbial, a subject between
        "modal_action",
        S("Polisen kommer tillsammans med föreningarna i länet att genomföra vandringar."),
        S("Polisen kommer med föreningarna och skolorna i hela länet sedan att genomföra dem."),
    ),
    (  # after a fronted adverb the subject follows the modal and the verb stands further on
        "modal_action",
        S("Därefter ska nämnderna under det kommande året upprätta handlingsplaner."),
        S("Nämnderna ska under det kommande året i länet upprätta handlingsplaner."),
    ),
    (
        "modal_verb",
        S("Projektet kommer att integrera tre växlar."),
        S("Projektet kommer att genomföra en enkät."),  # an action verb: modal_action
    ),
    (
        "modal_state",
        S("Alla chefer ska ha en utvecklingsplan."),
        S("Alla chefer ska utveckla planen."),
    ),
    ("modal_state", S("Resultatet ska inte understiga 2 procent."), S("Resultatet ska redovisas.")),
    (  # a copula with a participle names a state (a target in a goal list, or a report)
        "copula_state",
        I("samtalen med alla medarbetare är genomförda"),
        I("samtalen med alla medarbetare genomförs"),
    ),
    (  # after a fronted adverbial the subject stands between the modal and the state verb
        "modal_state",
        S("I kommunen ska kvinnor och män, flickor och pojkar ha samma rättigheter."),
        S("Kommunen ska med kvinnor och män, flickor och pojkar ha samma rättigheter."),
    ),
    (
        "need_action",
        S("Förvaltningen behöver stärka rekryteringen."),
        S("Förvaltningen behöver mer tid."),
    ),
    (
        "need_in_listed_doc",
        S("Vi behöver utveckla mentorskapet.", doc_has_list=True),
        S("Vi behöver utveckla mentorskapet."),
    ),
    ("present_action", S("Regionen inventerar sina lokaler."), S("Regionen arbetar med lokaler.")),
    (  # a particle verb split by a sentence adverb (V2: the particle follows the adverbs)
        "present_action",
        S("Vi ser också över rutinerna för inköp."),
        S("Vi ser också att rutinerna fungerar."),
    ),
    (  # a causal verb is an action only with the organisation as its actor
        "present_action",
        S("Vi skapar fler praktikplatser."),
        S("Upphandlingen skapar en ryckighet kring utbildningarna."),
    ),
    (
        "actor_present_action",
        S("Under våren utvecklar vi mentorskapet."),
        S("Under våren utvecklas mentorskapet."),
    ),
    (
        "passive_action",
        S("Under våren erbjuds alla chefer handledning."),
        S("Alla chefer har handledning."),
    ),
    (
        "action_noun_early",
        S("En översyn av schemaläggningen pågår."),
        I("Översyn av schemaläggningen"),
    ),
    ("date_first", S("Den 1 mars 2026 flyttar enheten."), S("Enheten flyttar den 1 mars 2026.")),
    (
        "dated_item",
        I("1 mars 2026: Full bemanning i hemtjänsten"),
        I("1 mars 2026: Rekrytera fler"),
    ),
    ("dated", S("Planen gäller 2025."), S("Planen gäller nu.")),
    (
        "deadline_state",
        S("Kommunen ska bli självförsörjande på lärare senast 2030."),
        S("Kommunen ska anställa lärare senast 2030."),
    ),
    ("goal_noun", S("Visionen gäller alla."), S("För att nå målet anställer vi fler.")),
    ("subject_we", S("I år ökar vi antalet platser."), S("I år ökar antalet platser.")),
    ("subject_org", S("Nämnden ska utreda frågan."), S("Frågan ska utredas av någon.")),
    ("subject_document", S("Strategin ska bidra till tillväxt."), S("Vi ska bidra till tillväxt.")),
    (  # a document the modal's passive makes is what is to be done, not what a plan is for
        "subject_document",
        S("Nya handlingsplaner ska bidra till tillväxt."),
        S("Nya handlingsplaner ska utformas av varje enhet."),
    ),
    ("past", S("Förvaltningen anställde tio lärare."), S("Enheten har börjat anställa lärare.")),
    (  # a preterite of beginning: work begun goes on
        "past",
        S("Förvaltningen avslutade dialogen under 2016."),
        S("Förvaltningen påbörjade under 2016 en dialog med kommunerna."),
    ),
    (
        "past",
        S("Under 2018 har arbetet genomförts."),
        S("Under 2018 har arbetet påbörjats med att kartlägga lönerna."),
    ),
    (
        "reporting",
        S("Nämnden ska redovisa resultatet i maj."),
        S("Nämnden ska förbättra resultatet."),
    ),
    (  # what an att-clause lets others do is not the sentence's own reporting
        "reporting",
        S("Nämnden ska löpande informera styrelsen om arbetet."),
        S("Företagen ska bjudas in och ges möjlighet att informera om sina behov."),
    ),
    (
        "conditional",
        S("Om behovet kvarstår, ska fler platser inrättas."),
        S("Fler platser inrättas."),
    ),
    ("quoted", S("Vi ska bli bäst.", quoted=True), S("Vi ska bli bäst.")),
    ("question", S("Vad händer med lönerna nu?"), S("Lönerna höjs nu.")),
    (  # the reader as the subject: what the page tells or offers the reader
        "addresses_reader",
        S("Här kan du läsa mer om lönerna."),
        S("Här kan vi läsa mer om lönerna."),
    ),
    (  # 'du' late in the sentence (a relative clause) is no subject of its main clause
        "addresses_reader",
        S("Klickar du på länken får du läsa mer."),
        S("Staden ska vara en plats där alla som bor här, du och jag, trivs."),
    ),
    (  # how the work is done, or what results, opens the sentence
        "means_first",
        S("Genom att bygga ut energin kan kommunen attrahera företag."),
        S("Kommunen bygger ut energin för att attrahera företag."),
    ),
    ("no_finite_verb", I("Handledning för nya chefer"), I("Nya chefer får handledning")),
    ("no_action_word", I("Arbetsmiljö och hälsa"), I("Förbättrad arbetsmiljö")),
    (
        "lead_in_actions",
        I("utreda kostnaderna", lead_in="I uppdraget ingår att:"),
        I("utreda kostnaderna", lead_in="Rapporten ska innehålla:"),
    ),
    (  # a subject and a bare modal lends the modal only: each item's words decide
        "lead_in_modal",
        I("säkra en god arbetsmiljö", lead_in="Kommunen ska:"),
        I("säkra en god arbetsmiljö", lead_in="I uppdraget ingår att:"),
    ),
    (  # a lead-in line left open at its modal, the items finishing its sentence
        "lead_in_modal",
        I("aktivt arbeta med normer", lead_in="Vi ska"),
        I("aktivt arbeta med normer", lead_in="Vi ska arbeta med normer."),
    ),
    ("aim_first", I("Säkra en god arbetsmiljö för alla"), I("Kartlägg arbetsmiljön")),
    (  # the items illustrate the item above; they are no actions of their own
        "lead_in_examples",
        I("Släcka belysningen", lead_in="Informera om belysningen, t ex genom att:"),
        I("Släcka belysningen", lead_in="Nämnden har beslutat att införa följande åtgärder:"),
    ),
    (  # "visar att:" lists findings, not actions
        "lead_in_actions",
        I("utreda kostnaderna", lead_in="Regionen kommer att:"),
        I("92 procent tycker att jobbet känns meningsfullt", lead_in="Enkäten visar att:"),
    ),
    (  # decisions reported as taken, promises and a decided budget's items name actions
        "lead_in_actions",
        I("Lägga ner dagverksamheten", lead_in="Följande beslut har nämnden tagit den 19 mars:"),
        I("Lägga ner dagverksamheten", lead_in="Följande områden har nämnden pekat ut:"),
    ),
    (
        "lead_in_actions",
        I("Servera frukt i skolorna", lead_in="Delar ur budget 2024:"),
        I("Servera frukt i skolorna", lead_in="Budgeten 2024 ger bland annat:"),
    ),
    (  # a document as the lead-in's subject: the items say what it does, nobody's action
        "lead_in_actions",
        I("konkretisera målen", lead_in="Kommunen ska arbeta med detta genom att:"),
        I("konkretisera målen", lead_in="Planen ska fungera som ett stöd genom att:"),
    ),
    (  # a list named for its decisions, in the preterite too; a proposal's list is no decision
        "lead_in_actions",
        I("Sänka temperaturen i lokalerna", lead_in="Beslutet blev följande:"),
        I("Sänka temperaturen i lokalerna", lead_in="Förslag till beslut:"),
    ),
    (  # a decision on measures announces them (LABELLING.md decision 11), a proposal does not
        "lead_in_actions",
        I("Sänka temperaturen i lokalerna", lead_in="Nämnden har beslutat om en rad åtgärder."),
        I("Sänka temperaturen i lokalerna", lead_in="De åtgärder som föreslås är:"),
    ),
    (
        "lead_in_decision",
        I("godkänna planen", lead_in="Nämnden beslutar att:"),
        I("godkänna planen", lead_in="Vi kommer att:"),
    ),
    (
        "lead_in_past",
        I("bytte alla skyltar", lead_in="Under våren genomförde vi följande:"),
        I("byta alla skyltar", lead_in="Under våren kommer vi att:"),
    ),
    (  # a goal noun ends the lead-in, or names what a copula or "ingår" lists
        "lead_in_goals",
        I("Trygga och nöjda invånare", lead_in="Regionen har för 2023 följande effektmål:"),
        I("Patientnämnden", lead_in="Nämnder som genom resultatmål bidrar inom målet:"),
    ),
    (
        "lead_in_goals",
        I("Minskat klimatavtryck", lead_in="Kommunens arbete utgår från de sju målen, som är:"),
        I("Minskat klimatavtryck", lead_in="Kommunens arbete utgår från följande:"),
    ),
    (  # "är att:" lists what the goals named before are, not actions (the parser hands the
        # sentence before a lead-in that points back: Dessa är att:)
        "lead_in_goals",
        I("personalen är informerad", lead_in="Nämnden har två mål. Dessa är att:"),
        I("personalen är informerad", lead_in="Nämnden har två uppgifter. Dessa är att:"),
    ),
    (  # the parts "of" a vision are the vision; a list "within" a goal is not
        "lead_in_goals",
        I("Kommunen är trygg", lead_in="En beskrivning av visionen:"),
        I("Kommunen är trygg", lead_in="Nämnder som bidrar inom visionen:"),
    ),
    (  # a standing responsibility is a remit, not a commitment ("Uppdraget innebär att" is)
        "lead_in_remit",
        I("Upprätta en regional digital agenda", lead_in="Utvecklingsansvaret innebär att:"),
        I("Upprätta en regional digital agenda", lead_in="Uppdraget innebär att under 2024:"),
    ),
    (
        "lead_in_contents",
        I("en tidplan", lead_in="Rapporten ska innehålla:"),
        I("en tidplan", lead_in="Följande åtgärder vidtas:"),
    ),
    ("action_list", I("Lönerna", list_share=0.75), I("Lönerna", list_share=0.25)),
    (  # a sentence under an action item describes it; a step opens with its own verb
        "describes_item",
        I("Gemensamma satsningar skapar ett attraktivt stråk.", nested=True),
        I("Genomföra gemensamma satsningar på stråket.", nested=True),
    ),
    ("section_measure_item", I("Lönerna", section="measure"), S("Lönerna", section="measure")),
    (
        "section_measure_prose",
        S("Lönerna höjs.", section="measure"),
        I("Lönerna", section="measure"),
    ),
    (
        "uppdrag_in_measure_section",
        S("Regionen har fått i uppdrag att utreda X.", section="measure"),
        S("Regionen har fått i uppdrag att utreda X."),
    ),
    ("section_goal", S("Alla trivs.", section="goal"), S("Alla trivs.", section="context")),
    (  # under a goal heading: a sentence about the goals, not one stating a goal
        "goals_discussed",
        S("Målen utgår från invånarnas behov.", section="goal"),
        S("Målet är att invånarna ska trivas.", section="goal"),
    ),
    (
        "goals_discussed",
        S("Visionen beslutades av fullmäktige.", section="goal"),
        S("Visionen beslutades av fullmäktige.", section="context"),
    ),
    (  # a desired state with ska names its own target, whatever noun it holds
        "goals_discussed",
        S("Fullmäktige har antagit fem mål.", section="goal"),
        S("Kommunens mål ska vara kända av alla medarbetare.", section="goal"),
    ),
    ("section_context", S("Alla trivs.", section="context"), S("Alla trivs.")),
]


def test_every_feature_has_a_test_case():
    assert sorted({name for name, _, _ in CASES}) == sorted(FEATURES)


@pytest.mark.parametrize(("name", "has", "lacks"), CASES, ids=[c[0] for c in CASES])
def test_feature(name: str, has: Candidate, lacks: Candidate) -> None:
    assert features(has)[name] == 1.0, (name, has.text)
    assert features(lacks)[name] == 0.0, (name, lacks.text)


# ------------------------------------------------------------------ the data files


def test_the_prior_and_the_weights_name_every_feature_once():
    prior = read_rows("kind_prior.csv")
    assert [r["feature"] for r in prior] == ["(intercept)", *FEATURES]
    assert all(r["reason"].strip() for r in prior)
    shipped = kinds.default_scorer()
    assert shipped.features_ == tuple(FEATURES)
    assert list(shipped.classes_) == list(kinds.CLASSES)
    assert np.all(shipped.coef_[kinds.CLASSES.index("other")] == 0)


def test_each_decision_verb_has_a_role_the_scorer_reads():
    """data/forms/decision_formulas.csv: one table for the formulas, proposals, exhortations and
    the other verbs that decide without committing (LABELLING.md decisions 9 and 11)."""
    roles = {r["role"] for r in read_rows("decision_formulas.csv")}
    known = {"formula", "proposing", "exhorting", "recommending", "deferring", "ruling", "filing"}
    known |= {"taking"}
    assert roles == known
    assert kinds.is_decision("Godkänna planen samt uppmana nämnderna att utbilda cheferna")
    assert not kinds.is_decision("Rekommendera kommunerna att utbilda cheferna")
    assert not kinds.decided_action("Styrelsen beslutade att rekommendera en utbildning.")
    assert not kinds.decided_action("Nämnden beslutade att återremittera ärendet.")
    assert kinds.decided_action("Nämnden beslutade att utbilda cheferna.")


def test_every_phrase_cue_is_a_feature():
    assert {r["cue"] for r in read_rows("sentence_cues.csv")} == set(CUES)
    assert set(CUES) <= set(FEATURES)


# ------------------------------------------------------------------ the estimator

TRAIN = [
    (I("Rekrytera fler socionomer"), "measure"),
    (I("Inventera lokalerna"), "measure"),
    (S("Förvaltningen ska genomföra en enkät."), "measure"),
    (S("Alla ska ha en mentor."), "goal"),
    (S("Målet är att fler ska stanna."), "goal"),
    (S("Det råder brist på lärare i dag."), "other"),
    (S("Förvaltningen har genomfört en enkät."), "other"),
    (I("Arbetsmiljö och hälsa"), "other"),
]


def _xy():
    return [features(c) for c, _ in TRAIN], [k for _, k in TRAIN]


def test_estimator_contract_and_determinism():
    scorer = KindScorer(C=0.5, class_weight=None)
    assert scorer.get_params() == {"C": 0.5, "class_weight": None, "prior": "shipped"}
    assert not [a for a in vars(scorer) if a.endswith("_")]  # __init__ only stores
    X, y = _xy()
    assert scorer.fit(X, y) is scorer
    again = clone(scorer).fit(X, y)
    assert np.array_equal(scorer.coef_, again.coef_)
    assert scorer.predict(X).tolist() == y
    assert np.allclose(scorer.predict_proba(X).sum(axis=1), 1.0)


def test_without_data_the_scorer_is_its_prior_and_data_moves_it():
    X, y = _xy()
    rules = KindScorer(C=0.0).fit(X, y)
    prior = {r["feature"]: r for r in read_rows("kind_prior.csv")}
    j = rules.features_.index("modal_action")
    assert rules.coef_[kinds.CLASSES.index("measure"), j] == pytest.approx(
        float(prior["modal_action"]["measure"])
    )
    moved = KindScorer(C=10.0).fit(X, y)
    assert not np.allclose(moved.coef_, rules.coef_)
    flat = KindScorer(C=0.0, prior=None).fit(X, y)
    assert np.all(flat.coef_ == 0)


def test_a_partial_balance_lies_between_none_and_full_balance(tmp_path):
    # the rare kinds' intercepts rise with the weight given to them: balanced^p, 0 < p < 1,
    # gives less than full balance and more than none (precision traded for recall)
    X, y = _xy()
    y = y + ["other"] * 12  # measures and goals rare, as among a plan's candidates
    X = X + [features(S("Det råder brist på personal i dag."))] * 12
    measure = kinds.CLASSES.index("measure")
    lifted = [
        KindScorer(C=1.0, class_weight=w).fit(X, y).intercept_[measure]
        for w in (None, "balanced^0.5", "balanced")
    ]
    assert lifted[0] < lifted[1] < lifted[2]
    scorer = KindScorer(C=1.0, class_weight="balanced^0.5").fit(X, y)
    scorer.to_csv(tmp_path / "weights.csv")
    assert KindScorer.from_csv(tmp_path / "weights.csv").class_weight == "balanced^0.5"
    with pytest.raises(ValueError, match="class_weight"):
        KindScorer(class_weight="balanced^2").fit(X, y)


def test_weights_round_trip_through_the_csv(tmp_path):
    X, y = _xy()
    scorer = KindScorer(C=0.3, class_weight="balanced").fit(X, y)
    path = tmp_path / "weights.csv"
    scorer.to_csv(path)
    back = KindScorer.from_csv(path)
    assert back.get_params() == scorer.get_params()
    assert np.allclose(back.decision_function(X), scorer.decision_function(X), atol=1e-3)
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert header == ["feature", "goal", "measure", "other", "gloss"]


def test_use_and_recording_swap_the_scorer_and_collect_candidates():
    X, y = _xy()
    perverse = KindScorer(C=100.0, prior=None).fit(X, ["other" if k == "measure" else "measure"
                                                       for k in y])  # fmt: skip
    with use(perverse), recording() as seen:
        assert kind_of(I("Rekrytera fler socionomer")) == "other"
    assert kind_of(I("Rekrytera fler socionomer")) == "measure"  # the shipped scorer again
    assert [c.text for c, _ in seen] == ["Rekrytera fler socionomer"]


def test_the_shipped_weights_file_is_where_the_parser_reads_it():
    assert kinds.WEIGHTS_PATH == RESOURCES / "forms" / "kind_weights.csv"
    assert kinds.WEIGHTS_PATH.exists()


# ------------------------------------------------------------------ the shipped scorer


@pytest.mark.parametrize(
    ("candidate", "kind"),
    [
        (I("Utred behovet av fler platser"), "measure"),
        (I("Genomlysning av schemaläggningen", list_share=0.8), "measure"),
        (I("2027: En egen mentor för varje ny medarbetare"), "goal"),
        # a former known miss (weights 0.58 + 0.53 < intercept 1.23); since heldout3 joined the
        # training data the fitted intercept is lower and the passive reads as a measure
        (S("Under hösten erbjuds alla nya chefer ett ledarprogram."), "measure"),
        (S("Nämnden ska vara en attraktiv arbetsgivare."), "goal"),
        (S("Förvaltningen har under året genomfört en medarbetarenkät."), "other"),
        (S("Nämnden beslutar att godkänna delårsrapporten."), "other"),
        (I("en beskrivning av läget", lead_in="Rapporten ska innehålla:"), "other"),
    ],
)
def test_the_shipped_scorer_on_made_up_plan_sentences(candidate: Candidate, kind: str) -> None:
    assert kind_of(candidate) == kind


def test_kinds_remembered_per_feature_dict_are_the_shipped_scorers_answers() -> None:
    # classify keeps the shipped scorer's answer per distinct feature dict: asked again, and
    # for another candidate with the same features, it must give what the scorer computes
    same = [S("Nämnden ska vara en attraktiv arbetsgivare."), S("Staden ska vara en bra plats.")]
    for candidate in [*same, *same, I("Utred behovet av fler platser")]:
        kind, found = kinds.classify(candidate)
        assert kind == kinds.default_scorer().predict([found])[0]
    assert kinds.classify(same[0])[1] == kinds.classify(same[1])[1]
    assert kinds.classify(same[0])[0] == kinds.classify(same[1])[0] == "goal"
