"""The generic parser reads real layouts: action items, goals, web furniture, flattened PDFs.

Every example here is written for the test (not copied from a plan), in the shapes the issue
lists; spans are checked lossless each time.
"""

from __future__ import annotations

import pytest

from plancompare.forms import check_coverage
from plancompare.forms.base import check_links, levels
from plancompare.forms.generic import parse


def read(text: str) -> list[tuple[str, str]]:
    """(kind, source text with whitespace folded) per unit, after checking the spans."""
    units = parse(text)
    check_coverage(text, units)
    check_links(units)
    return [(u.kind, " ".join(text[u.start : u.end].split())) for u in units]


def kinds_of(text: str, kind: str) -> list[str]:
    return [t for k, t in read(text) if k == kind]


def test_bullets_that_start_with_an_action_verb_are_measures_anywhere():
    text = (
        "Kompetensförsörjning\n\nRegionen pekar ut fyra områden som särskilt viktiga.\n\n"
        "  • Höj utbildningsnivån i länet\n  • Stärk samverkan med högskolan\n"
        "  • Arbetsmarknaden i länet\n  • Utveckla nya vägar in i yrket\n"
    )
    assert kinds_of(text, "measure") == [
        "• Höj utbildningsnivån i länet",
        "• Stärk samverkan med högskolan",
        "• Utveckla nya vägar in i yrket",
    ]
    assert ("context", "• Arbetsmarknaden i länet") in read(text)


def test_lead_in_with_colon_then_action_items_and_content_lists_that_are_not_actions():
    text = (
        "I uppdraget ingår att:\n* kartlägga behovet av lärare,\n"
        "* ta fram en plan för rekrytering.\n\n"
        "I rapporten ska ingå:\n* en beskrivning av läget,\n* hur många som går i pension.\n"
    )
    assert kinds_of(text, "measure") == [
        "* kartlägga behovet av lärare,",
        "* ta fram en plan för rekrytering.",
    ]


def test_items_under_a_strategy_heading_read_as_actions_and_keep_their_section():
    text = (
        "Strategier för välfärdens kompetens\n\nAnvänd kompetensen rätt\n\n"
        "- Anställ undersköterskor med specialistutbildning\n- Renodla läkarnas uppgifter\n\n"
        "Bredda rekryteringen\n\n- Rekrytera fler män till omsorgen\n"
    )
    units = parse(text)
    measures = [u for u in units if u.kind == "measure"]
    assert [m.section.split(" > ")[-1] for m in measures] == [
        "Använd kompetensen rätt",
        "Använd kompetensen rätt",
        "Bredda rekryteringen",
    ]


def test_a_dated_sub_heading_under_insatser_keeps_the_role():
    text = (
        "Regional utveckling\n\nVi arbetar brett.\n\nInsatser\n\n"
        "2023 - 2025: Validering i regionen\n\n"
        "Myndigheten har fått regeringens uppdrag att utveckla valideringen. "
        "Myndigheten samordnar arbetet.\n\n"
        "Kontakt\n\nAnna Andersson\n\nanna.andersson@example.se\n"
    )
    units = read(text)
    assert units[-3:] == [
        ("furniture", "Kontakt"),
        ("furniture", "Anna Andersson"),
        ("furniture", "anna.andersson@example.se"),
    ]  # a contact block over several paragraphs
    assert kinds_of(text, "measure") == [
        "Myndigheten har fått regeringens uppdrag att utveckla valideringen. "
        "Myndigheten samordnar arbetet."
    ]
    # the same sentence outside a measure section reports an uppdrag received: background
    assert kinds_of("Bakgrund\n\nMyndigheten har fått i uppdrag att utveckla X.\n", "measure") == []


def test_goal_sentences_and_rationale_in_one_paragraph():
    text = (
        "Vår plan\n\nBakgrund\n\nBristen på lärare är en nyckelfråga för kommunen. "
        "Målet är att alla elever ska möta behöriga lärare. Lönen ska vara konkurrenskraftig.\n\n"
        "Mål\n\nVi ska vara en attraktiv arbetsgivare. Fler ska vilja arbeta hos oss.\n"
    )
    assert kinds_of(text, "goal") == [
        "Målet är att alla elever ska möta behöriga lärare.",
        "Lönen ska vara konkurrenskraftig.",
        "Vi ska vara en attraktiv arbetsgivare.",
        "Fler ska vilja arbeta hos oss.",
    ]
    assert kinds_of(text, "context") == ["Bristen på lärare är en nyckelfråga för kommunen."]


def test_measure_sentences_in_prose_and_what_is_only_reported_as_done():
    text = (
        "Verksamheten 2025\n\nFörvaltningen står inför stora utmaningar. Under 2025 kommer en "
        "översyn av lokalerna att ske. Arbetet fortsätter med att digitalisera ansökningarna. "
        "Kommunen har genomfört en rad åtgärder för att minska sjukfrånvaron.\n"
    )
    assert kinds_of(text, "measure") == [
        "Under 2025 kommer en översyn av lokalerna att ske.",
        "Arbetet fortsätter med att digitalisera ansökningarna.",
    ]


def test_an_uppdrag_and_its_steps_form_a_hierarchy():
    text = (
        "# Uppdrag om lärarutbildning\n\nRegeringen uppdrar åt Skolverket att föreslå insatser "
        "för fler lärare.\n\nSkolverket ska samråda med lärosätena. Skolverket ska bedöma "
        "kostnaderna.\n\nSkolverket slutredovisar uppdraget senast den 1 juni 2026.\n"
    )
    units = [u for u in parse(text) if u.kind == "measure"]
    level = levels(units)
    assert [level[u.start] for u in units] == [1, 2, 2]
    assert {u.parent for u in units[1:]} == {units[0].start}
    assert "slutredovisar" not in " ".join(text[u.start : u.end] for u in units)


SKIP = (
    "skip link of a web page (Hoppa till innehåll / Gå direkt till innehållet / Länk till "
    "startsidan)"
)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Den här webbplatsen använder kakor för att fungera.", "cookie banner"),
        ("Dela:", "share button"),
        ("Hade du nytta av informationen?", "page feedback widget"),
        ("Läs mer om våra insatser", "link line"),
        ("https://www.example.se/plan", "link line"),
        ("Publicerad 2024-03-01", "page publication date"),
        ("Publicerad", "page publication date"),
        ("Foto: Lisa Larsson", "photo credit"),
        ("Stäng Meny", "menu and search buttons of a web page (Sök / Meny / Stäng Meny)"),
        ("MENY", "menu and search buttons of a web page (Sök / Meny / Stäng Meny)"),
        # skip links (136, 188, 162, 106): before, the first of them was read as the page's title
        ("Hoppa till innehåll", SKIP),
        ("Gå direkt till sidans innehåll", SKIP),
        ("Länk till startsidan", SKIP),
        ("Hoppa över navigering", "skip link of a web page (Hoppa över navigering)"),
    ],
)
def test_web_furniture_lines(line, reason):
    text = f"Rubrik\n\nEn mening om planen.\n\n{line}\n\nEn till mening.\n"
    units = parse(text)
    check_coverage(text, units)
    (unit,) = [u for u in units if text[u.start : u.end] == line]
    assert (unit.kind, unit.note) == ("furniture", reason)


def test_a_heading_naming_its_owner_before_its_role_gives_that_role():
    """``Flens kommuns vision`` inside a page labels its vision sentences (LABELLING.md decision
    7, as 188 labels them); the same words as the page's title name its subject, and the
    description under them keeps its own reading (161, 162, 168: ``Kommunfullmäktiges mål``)."""
    vision = "I Flens kommun är det enkelt att bo, verka och leva. Vi har skolor med hög kvalitet."
    inside = f"Vision och värdegrund\n\nFlens kommuns vision\n\n{vision}\n"
    assert kinds_of(inside, "goal") == [
        "I Flens kommun är det enkelt att bo, verka och leva.",
        "Vi har skolor med hög kvalitet.",
    ]
    title = "Kommunfullmäktiges mål\n\nI kommunen beskriver politikerna via målen vad som uppnås.\n"
    assert kinds_of(title, "goal") == []


def test_image_alt_text_and_caption_and_repeated_navigation():
    text = (
        "Meny\n\nVår plan\n\nFler lärare behövs i kommunen i dag.\n\n"
        "Två lärare vid en tavla.\nLärare på Ekskolan. Foto: Per Persson\n\n"
        "Skolorna behöver fler sökande.\n\nMeny\n"
    )
    units = read(text)
    assert ("furniture", "Två lärare vid en tavla.") in units
    assert ("furniture", "Lärare på Ekskolan. Foto: Per Persson") in units
    assert [t for k, t in units if t == "Meny"] == ["Meny", "Meny"]
    assert all(k == "furniture" for k, t in units if t == "Meny")


def test_a_lone_short_line_is_not_automatically_a_heading():
    # the page stops mid-sentence: its last line heads nothing
    text = (
        "Om planen\n\nVi arbetar med rekrytering.\n\n"
        "Regionen vill att fler ska söka sig till vården och"
    )
    units = parse(text)
    last = units[-1]
    assert last.kind == "goal" and last.truncated
    # a lead-in ending in a function word is no heading either
    text = (
        "Beslut\n\nStyrelsen beslutar att\n\n"
        "Föreslå fullmäktige besluta att godkänna årsrapporten.\n"
    )
    assert ("meta", "Styrelsen beslutar att") not in read(text)
    assert kinds_of(text, "measure") == []  # a decision formula commits to no action


def test_a_short_line_repeating_a_listed_goal_heads_its_section():
    # "Trygga" is also a verb (to secure), but the line repeats a listed effect goal: it heads
    # that goal's section and is no measure; the list under "följande effektmål:" holds goals
    text = (
        "Effektmål\n\nRegionen har för 2023 följande effektmål:\n\n"
        "  • Trygga och nöjda invånare\n  • Hållbar organisation\n\n"
        "Trygga och nöjda invånare\n\nHär beskrivs nämndernas arbete.\n"
    )
    assert ("meta", "Trygga och nöjda invånare") in read(text)
    assert kinds_of(text, "measure") == []
    assert kinds_of(text, "goal") == ["• Trygga och nöjda invånare", "• Hållbar organisation"]
    # without the listed item above it, the same line is no heading: it is read by its words
    # (an aim verb with a field as its object and no list around it: LABELLING.md decision 5)
    alone = "Plan\n\nVi har brist.\n\nTrygga vården på landsbygden\n\nMer text följer här.\n"
    line = [k for k, t in read(alone) if t == "Trygga vården på landsbygden"]
    assert line and line != ["meta"]


def test_goal_headings_after_a_lead_in_that_announces_goals_are_one_goal_each():
    # LABELLING.md decision 16: "… mål är:" over headings, each with a description below: each
    # heading is a goal, the present-tense sentences describing it are not counted again
    text = (
        "Våra mål\n\nKommunens övergripande mål är:\n\nEn trygg och levande kommun\n\n"
        "Invånarna känner sig trygga i hela kommunen. Här finns mötesplatser för alla.\n\n"
        "God och stabil ekonomi\n\nKommunen har en ekonomi i balans.\n"
    )
    assert kinds_of(text, "goal") == ["En trygg och levande kommun", "God och stabil ekonomi"]
    # the same headings after a lead-in that announces no goals are labels
    plain = text.replace("Kommunens övergripande mål är:", "Så här arbetar vi:")
    assert kinds_of(plain, "goal") == []


def test_a_list_whose_lead_in_or_heading_has_the_goals_as_subject_holds_goals():
    # a sentence about the goals that ends in a colon, or a heading naming goals over its list
    # (decision 6): the noun phrases listed are goals, not topics
    lead = (
        "Strategin\n\nStrategin har uppdaterats. Målen gäller fram till 2030:\n\n"
        "  • Hög självskattad hälsa i hela kommunen.\n  • Fler företag inom besöksnäringen.\n"
    )
    assert kinds_of(lead, "goal") == [
        "• Hög självskattad hälsa i hela kommunen.",
        "• Fler företag inom besöksnäringen.",
    ]
    heading = (
        "Plan 2025\n\nVi har antagit en plan.\n\nFyra övergripande mål ska styra arbetet\n\n"
        "  1. Levande sjöar och vattendrag\n  2. Ren luft i hela länet\n"
    )
    assert kinds_of(heading, "goal") == [
        "1. Levande sjöar och vattendrag",
        "2. Ren luft i hela länet",
    ]
    # a list of priority areas is no list of goals
    areas = lead.replace("Målen gäller fram till 2030:", "Samma områden ska prioriteras:")
    assert kinds_of(areas, "goal") == []


def test_one_line_pdf_text_splits_into_sentences_and_inline_numbered_points():
    text = (
        "Tjänsteutlåtande Utfärdat 2020-05-04 Förslag till beslut I nämnden 1. Uppdraget att "
        "utreda frågan förklaras slutfört. 2. Anta handlingsplanen samt uppmana förvaltningarna "
        "att prioritera åtgärderna. Sammanfattning Nämnden gav 2019 förvaltningen i uppdrag att "
        "utreda arbetsmiljön. Resultatet visar på stora behov"
    )
    units = parse(text)
    check_coverage(text, units)
    got = [(u.kind, u.ref, " ".join(text[u.start : u.end].split())[:20]) for u in units]
    assert got == [
        ("context", "", "Tjänsteutlåtande Utf"),
        ("context", "1", "1. Uppdraget att utr"),
        # adopting and exhorting commit to no act of the author's (LABELLING.md decision 11)
        ("context", "2", "2. Anta handlingspla"),
        # an uppdrag to investigate, reported as given: a measure (LABELLING.md decision 11)
        ("measure", "", "Sammanfattning Nämnd"),
    ]
    assert units[-1].truncated


def test_numbered_agenda_items_are_not_measures():
    text = (
        "Kallelse\n\nÄrende\n\n1. Upprop\n\n2. Val av justerare\n\n3. Fastställande av dagordning\n"
    )
    assert kinds_of(text, "measure") == []


def test_a_flattened_page_starting_with_its_number_is_prose_with_its_numbered_points():
    text = (
        "Dokument\n\n2 Förslagen bygger på följande: samverkan och en gemensam policy. "
        "Vid konferensen kom man fram till att följande behöver göras: 1. Gemensamma mål "
        "behöver ställas upp 2. Koncentrera arbetet 3. Jämförelser med andra kommuner "
        "1. Målen Målen ska delas upp. Kommunerna skall ha en utvecklad samverkan."
    )
    units = parse(text)
    check_coverage(text, units)  # the page number and the text before the list are kept
    measures = [" ".join(text[u.start : u.end].split()) for u in units if u.kind == "measure"]
    assert [m[:12] for m in measures] == ["1. Gemensamm", "2. Koncentre", "3. Jämförels"]
    assert kinds_of(text, "goal")[-1] == "Kommunerna skall ha en utvecklad samverkan."


def test_needs_are_measures_only_in_a_text_without_its_own_list_of_actions():
    plan = (
        "Kompetensförsörjningsplan\n\nFörvaltningen behöver ta fram en rekryteringsplan. "
        "Vikarier behöver tas om hand bättre. Kommunen är en stor arbetsgivare.\n"
    )
    # (a sentence without a cue of its own stays with the one before it; a needed improvement
    # with no bounded means, "Rekryteringen behöver utvecklas", is a goal: LABELLING.md)
    assert [m[:30] for m in kinds_of(plan, "measure")] == [
        "Förvaltningen behöver ta fram ",
        "Vikarier behöver tas om hand b",
    ]
    listed = plan + "\nInsatser\n\n• Utveckla introduktionen\n"
    assert kinds_of(listed, "measure") == ["• Utveckla introduktionen"]


def test_reports_and_actions_deep_in_a_subordinate_clause_are_not_measures():
    text = (
        "Uppdrag\n\nRegeringen ger Myndigheten i uppdrag att stärka utbildningen. "
        "Myndigheten ska i första hand använda befintliga medel. "
        "I riktlinjerna beskrivs femton prioriteringar som anger vad regionen ska göra. "
        "Uppdraget ska redovisas senast den 1 maj 2026.\n"
    )
    measures = kinds_of(text, "measure")
    assert [m[:30] for m in measures] == [
        "Regeringen ger Myndigheten i u",
        "Myndigheten ska i första hand ",
    ]  # the other two sentences start no measure of their own


def test_numbered_section_headings_and_table_of_contents_lines_are_not_measures():
    text = (
        "Förskolan 2020\n\n11. Stadsövergripande satsningar\n\n"
        "11.3 Insatser för kompetensförsörjning\n\n"
        "11.3.1 Kompetensutveckling för personalen\n\nStaden erbjuder kurser.\n\n"
        "11.4 Lokaler\n\nLokalerna är för få.\n\n"
        "Innehåll\n\nSkapa förutsättningar för nya yrken... 11\nAktivitetsplan... 12\n"
    )
    units = parse(text)
    check_coverage(text, units)
    headings = [u for u in units if u.kind == "meta" and u.ref]
    assert [(u.ref, u.section.split(" > ")[1:]) for u in headings] == [
        ("11", ["11. Stadsövergripande satsningar"]),
        ("11.3", ["11. Stadsövergripande satsningar", "11.3 Insatser för kompetensförsörjning"]),
        (
            "11.3.1",
            [
                "11. Stadsövergripande satsningar",
                "11.3 Insatser för kompetensförsörjning",
                "11.3.1 Kompetensutveckling för personalen",
            ],
        ),
        ("11.4", ["11. Stadsövergripande satsningar", "11.4 Lokaler"]),
    ]  # a number nests under the number it extends, whatever came between
    # "11." continues no list (nothing numbered 10 before it): a section, not an item
    assert kinds_of(text, "measure") == ["Staden erbjuder kurser."]  # an insats under 11.3
    assert {u.note for u in units[-2:]} == {
        "table of contents line (dotted leader and page number)"
    }


def test_kommer_without_att_commits_to_an_action():
    text = "Verksamheten\n\nEnheten kommer utveckla sitt arbete med unga vuxna.\n"
    assert kinds_of(text, "measure") == ["Enheten kommer utveckla sitt arbete med unga vuxna."]


def test_an_action_that_introduces_its_steps_is_a_measure_with_the_steps_under_it():
    text = (
        "Projekt\n\nUppdraget:\n\nGenomföra en inventering av skolornas lokaler:\n\n"
        "  • Samla in ritningarna från förvaltningarna\n"
        "  • Belysa behoven av fler klassrum\n"
    )
    units = [u for u in parse(text) if u.kind == "measure"]
    got = [" ".join(text[u.start : u.end].split()) for u in units]
    assert got == [
        "Genomföra en inventering av skolornas lokaler:",
        "• Samla in ritningarna från förvaltningarna",
        "• Belysa behoven av fler klassrum",
    ]
    assert [levels(units)[u.start] for u in units] == [1, 2, 2]
    # a lead-in that is no action still only introduces its list
    assert "Uppdraget:" not in got


def test_items_after_a_lead_in_in_the_past_are_reported_as_done():
    text = (
        "Nyheter\n\nUnder våren genomförde vi följande:\n\n"
        "• Bytte alla skyltar på förskolorna.\n• Stängde den gamla växeln.\n\n"
        "I höst ska vi:\n\n• Utbilda alla chefer i arbetsrätt.\n"
    )
    assert kinds_of(text, "measure") == ["• Utbilda alla chefer i arbetsrätt."]


def test_a_lead_in_pointing_back_lists_what_the_sentence_before_names():
    # "Dessa är att:" lists the goals of the sentence before it: states, not actions; the same
    # lead-in after a sentence naming tasks introduces actions. The lead-in itself names no goal
    # and gets no row (LABELLING.md decisions 4 and 6, as 86's labels have it)
    goals = (
        "Nämnden har tre mål. Dessa är att:\n\n• personalen är informerad,\n"
        "• rutinerna fungerar i praktiken och\n• samtalen är genomförda.\n"
    )
    assert kinds_of(goals, "goal") == [
        "• personalen är informerad,",
        "• rutinerna fungerar i praktiken och",
        "• samtalen är genomförda.",
    ]
    assert kinds_of(goals, "measure") == []
    tasks = (
        "Nämnden har tre uppgifter. Dessa är att:\n\n• informera personalen,\n"
        "• utveckla rutinerna och\n• genomföra samtalen.\n"
    )
    assert len(kinds_of(tasks, "measure")) == 3 and kinds_of(tasks, "goal") == []


def test_a_sentence_that_lost_its_full_stop_in_a_flattened_pdf_is_read_on_its_own():
    text = (
        "Vid extern rekrytering ska förvaltningen anställa medarbetare som har utbildning enligt "
        "kompetenskraven För att attrahera fler sökande ska förvaltningen marknadsföra yrkena på "
        "gymnasieskolorna."
    )
    got = kinds_of(text, "measure")
    assert len(got) == 2 and got[1].startswith("För att attrahera fler sökande"), got
    # a name written with a capital inside a sentence does not cut it
    assert len(read("Nämnden ska starta projektet Det goda arbetslivet under hösten 2025.")) == 1


def test_quotes_on_a_news_page_comment_on_the_plan():
    text = (
        "Ny plan för rekrytering\n\nNämnden antog i dag en plan för rekrytering. Under hösten "
        "ska förvaltningen starta en traineeutbildning för nya chefer.\n\n"
        "– Vi ska ta vara på allas engagemang. Det är viktigt, säger Eva Ek, ordförande.\n\n"
        "–Vi ska ta vara på allas idéer och jobba för en bra arbetsmiljö, säger Eva Ek.\n\n"
        "–Det ska vara roligt att gå till jobbet. Vi lyssnar på alla, säger hon.\n"
    )
    assert kinds_of(text, "measure") == [
        "Under hösten ska förvaltningen starta en traineeutbildning för nya chefer."
    ]
    assert kinds_of(text, "goal") == [
        "–Det ska vara roligt att gå till jobbet. Vi lyssnar på alla, säger hon."
    ]


def test_a_desired_state_after_a_measure_is_its_deadline_only_when_dated():
    text = (
        "Nämnden ska starta en traineeutbildning för nya chefer. Under 2026 ska alla nya chefer "
        "ha gått den. Det ska vara roligt att vara chef i kommunen."
    )
    assert read(text) == [
        (
            "measure",
            "Nämnden ska starta en traineeutbildning för nya chefer. Under 2026 ska alla nya "
            "chefer ha gått den.",
        ),
        ("goal", "Det ska vara roligt att vara chef i kommunen."),
    ]
    # the same words outside a quote are the organisation's own commitment
    assert kinds_of("Vi ska ta vara på allas idéer och jobba för en bra arbetsmiljö.", "measure")


def test_a_decision_to_act_is_a_measure_and_a_decision_formula_is_not():
    text = (
        "Protokoll\n\nStyrgruppen har beslutat att utreda ett gemensamt rekryteringscenter. "
        "Styrelsen beslutade att anta planen för kompetensförsörjning.\n"
    )
    assert kinds_of(text, "measure") == [
        "Styrgruppen har beslutat att utreda ett gemensamt rekryteringscenter."
    ]


def test_a_title_naming_follow_up_names_the_page_subject_and_its_text_is_read():
    # a page titled "Uppföljning av …" is about a follow-up: its sentences are read by their words
    titled = "Uppföljning av jämställdhetsarbetet\n\nMyndigheten ska genomföra en kartläggning.\n"
    assert kinds_of(titled, "measure") == ["Myndigheten ska genomföra en kartläggning."]
    # under an "Uppföljning" heading inside the page the section is follow-up whole
    section = "Plan 2025\n\nUppföljning\n\nMyndigheten ska genomföra en kartläggning.\n"
    assert kinds_of(section, "follow_up") == ["Myndigheten ska genomföra en kartläggning."]


def test_a_list_item_ending_in_a_colon_leads_in_the_examples_below_it():
    """LABELLING.md decisions 6 and 10: the items after ``… t ex genom att:`` illustrate the
    item above them and are no measures of their own; the outer list's items after them are."""
    text = (
        "Energi\n\nKommunstyrelsen har beslutat att införa följande åtgärder:\n\n"
        " • Informera om hur belysningen används, t ex genom att:\n"
        "  • Släcka all belysning när lokalen är obemannad.\n"
        "  • Stänga av datorn när arbetsdagen är slut.\n"
        " • Sänka temperaturen i kommunala fastigheter med en grad.\n"
    )
    assert kinds_of(text, "measure") == [
        "• Informera om hur belysningen används, t ex genom att:",
        "• Sänka temperaturen i kommunala fastigheter med en grad.",
    ]


def test_a_sentence_indented_under_an_action_item_describes_it():
    """LABELLING.md decision 10: the action item is the measure; the sentence indented under
    it says how or what results, and gets no unit of its own as a measure."""
    text = (
        "Strategi\n\nUnder 2025 kommer vi att:\n\n"
        "- Stärka samarbetet med grannkommunerna\n"
        "  - Gemensamma satsningar på infrastruktur skapar ett attraktivt stråk.\n"
        "- Genomföra en kampanj för inflyttning\n"
    )
    assert kinds_of(text, "measure") == [
        "- Stärka samarbetet med grannkommunerna",
        "- Genomföra en kampanj för inflyttning",
    ]


def test_promises_and_decisions_taken_name_the_actions_of_their_list():
    """A list of promises (``lovar att``, ``Att utföra …``) or of decisions reported as taken
    (``Följande beslut … har nämnden tagit:``) holds the organisation's measures (LABELLING.md
    decisions 4 and 11)."""
    text = (
        "Besparingar\n\nFöljande beslut om besparingar har nämnden tagit den 19 mars 2019:\n\n"
        " • Lägga ner dagverksamheten i centrum.\n • Säga upp avtalet om lokalvård.\n\n"
        "Löften\n\n  1. Att utföra fartkontroller vid skolorna.\n"
        "  2. Att utföra minst en trygghetsvandring i tätorten.\n"
    )
    assert kinds_of(text, "measure") == [
        "• Lägga ner dagverksamheten i centrum.",
        "• Säga upp avtalet om lokalvård.",
        "1. Att utföra fartkontroller vid skolorna.",
        "2. Att utföra minst en trygghetsvandring i tätorten.",
    ]


def test_a_run_in_role_label_names_its_paragraph_only():
    """``Vision 2035:`` (here in Markdown bold, repeated in each section) makes the paragraph
    after it a vision -- its sentences goals (LABELLING.md decision 7) -- and the list after
    that paragraph is read in its own section again, not as goals."""
    text = (
        "Strategi\n\n## Omvärld\n\nBakgrund om regionen.\n\n**Vision 2035:**\n"
        "*Kommunen är en internationell kraft. Invånarna känner sig trygga.*\n\n"
        "Under 2025 kommer vi att:\n\n- Genomföra en kampanj för inflyttning\n\n"
        "## Omställning\n\nBakgrund om omställningen.\n\n**Vision 2035:**\n"
        "*Kommunen är ledande i omställningen.*\n"
    )
    assert kinds_of(text, "goal") == [
        "*Kommunen är en internationell kraft.",
        "Invånarna känner sig trygga.*",
        "*Kommunen är ledande i omställningen.*",
    ]
    assert kinds_of(text, "measure") == ["- Genomföra en kampanj för inflyttning"]


def test_decisions_on_measures_and_commitments_split_across_the_clause_are_measures():
    # a decision on measures announces the list below it (LABELLING.md decision 11); the items
    # are the decided measures, whatever their form
    decided = (
        "Kommunstyrelsen har beslutat om en rad åtgärder enligt nedan för att spara el i "
        "kommunens verksamheter under vintern.\n\n 1. Aldrig använda luftkonditionering i "
        "kontoren.\n 2. Dekorationsbelysning i fönstren släcks.\n"
    )
    assert [t for t in kinds_of(decided, "measure") if t[0].isdigit()] == [
        "1. Aldrig använda luftkonditionering i kontoren.",
        "2. Dekorationsbelysning i fönstren släcks.",
    ]
    # a particle verb whose particle follows a sentence adverb (ser också över), a decision
    # "om att" + verb, and "kommer" with an adverbial before its "att" commit as their verbs do
    prose = (
        "Det här gör vi\n\nVi ser också över hur gatubelysningen tänds och släcks.\n\n"
        "Vid mötet beslutades bland annat om att samordna praktiken för eleverna.\n\n"
        "Kommunen och polisen kommer tillsammans med föreningarna i länet att genomföra "
        "trygghetsvandringar.\n\nVi byter inte ut belysningen i skolorna i år.\n"
    )
    assert [t[:29] for t in kinds_of(prose, "measure")] == [
        "Vi ser också över hur gatubel",
        "Vid mötet beslutades bland an",
        "Kommunen och polisen kommer t",
    ]


def test_a_widget_name_in_the_page_header_is_a_link_and_the_page_is_read():
    """``Kontakt`` among the links above a page's text (a header menu) heads no contact block:
    the news below it is read (it was all furniture). A contact block after the text still
    holds its lines."""
    header = "Translate\n\nTelefon\n\nKontakt\n\nÖppna menyn\n\nNyhet\n\n"
    news = (
        "En ny budget för kommunen\n\n"
        "Kommunfullmäktige har klubbat budgeten för nästa år i en osäker tid.\n\n"
        "Ambitionen är att alla barn ska få plats i förskolan nära hemmet.\n"
    )
    assert ("furniture", "Kontakt") in read(header + news)
    assert kinds_of(header + news, "goal") == [
        "Ambitionen är att alla barn ska få plats i förskolan nära hemmet."
    ]
    contact = "\nKontakt\n\nAnna Andersson, ekonomichef\n\n0470-12 34 56\n"
    assert kinds_of(news + contact, "furniture") == [
        "Kontakt",
        "Anna Andersson, ekonomichef",
        "0470-12 34 56",
    ]


def test_a_heading_naming_the_vision_in_the_definite_form_gives_its_text_a_goal_role():
    """``Visionen i sin helhet`` names the vision as ``Vision`` does (LABELLING.md decision 7:
    each vision sentence under it a goal); ``Syftet med satsningen`` names an activity's
    purpose, which is no goal of the plan's own (decisions 10 and 17)."""
    text = (
        "Vision 2030\n\nKommunfullmäktige antog visionen i september.\n\n"
        "Visionen i sin helhet\n\nHär kan alla leva ett aktivt liv med god hälsa. "
        "Vi står upp för ett tryggt och välkomnande samhälle.\n\n"
        "Syftet med satsningen\n\n • Bättre ekonomi\n • Färre sjukskrivningar\n"
    )
    assert kinds_of(text, "goal") == [
        "Här kan alla leva ett aktivt liv med god hälsa.",
        "Vi står upp för ett tryggt och välkomnande samhälle.",
    ]
