"""A deterministic generator of realistic synthetic briefing series, in the seeds' format.

    python benchmarks/generate.py OUT_DIR --briefings N [--series K] [--seed S]

writes N briefing files split over K series folders (``OUT_DIR/<series>/NNNNN_<hash>.txt``, numbered newest
first like the seeds). Each file is one day: a first line `` date YYYY-MM-DD <first background paragraph>``,
3-5 background paragraphs that repeat day to day (with occasional edits: a figure changed, a sentence appended,
a paragraph split in two, a paragraph dropped or added), the heading ``Feb. 8: What you need to know today``,
6-10 items of 60-120 words with attributed quotations of varied forms (some items carried over from 1-3 days
before) and, on most days, ``AFP contributed reporting.``

Series ``s`` ends on 2022-02-08 minus ``s`` days and runs back one file a day. The output depends only on the
arguments: the same seed gives the same bytes. About 6 KB a file: 10,000 briefings are about 60 MB.

Usable as a module: ``generate(out, briefings, series=1, seed=0) -> list[Path]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import re
import sys
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

LATEST = dt.date(2022, 2, 8)

SERIES_NAMES = (
    "ukraine-crisis",
    "baltic-security",
    "belarus-watch",
    "energy-standoff",
    "black-sea",
    "donbas-frontline",
    "sanctions-desk",
    "diplomacy-tracker",
)

# AP-style month names, as the seeds' headings have them ("Feb. 8").
_MONTHS = ("Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Speaker:
    title: str
    name: str
    surname: str
    pronoun: str  # "he" or "she"


SPEAKERS: tuple[Speaker, ...] = tuple(
    Speaker(title, name, surname, pronoun)
    for title, name, surname, pronoun in (
        ("Kremlin spokesman", "Dmitry Peskov", "Peskov", "he"),
        ("Russian President", "Vladimir Putin", "Putin", "he"),
        ("U.S. President", "Joe Biden", "Biden", "he"),
        ("French President", "Emmanuel Macron", "Macron", "he"),
        ("Ukrainian President", "Volodymyr Zelenskiy", "Zelenskiy", "he"),
        ("German Chancellor", "Olaf Scholz", "Scholz", "he"),
        ("NATO Secretary General", "Jens Stoltenberg", "Stoltenberg", "he"),
        ("U.S. Secretary of State", "Antony Blinken", "Blinken", "he"),
        ("Russian Foreign Minister", "Sergei Lavrov", "Lavrov", "he"),
        ("U.S. National Security Advisor", "Jake Sullivan", "Sullivan", "he"),
        ("Ukrainian presidential advisor", "Mykhailo Podolyak", "Podolyak", "he"),
        ("British Prime Minister", "Boris Johnson", "Johnson", "he"),
        ("British Foreign Secretary", "Liz Truss", "Truss", "she"),
        ("Turkish President", "Recep Tayyip Erdogan", "Erdogan", "he"),
        ("Australian Prime Minister", "Scott Morrison", "Morrison", "he"),
        ("EU foreign policy chief", "Josep Borrell", "Borrell", "he"),
        ("European Commission President", "Ursula von der Leyen", "von der Leyen", "she"),
        ("Ukrainian Foreign Minister", "Dmytro Kuleba", "Kuleba", "he"),
        ("Ukrainian Defense Minister", "Oleksii Reznikov", "Reznikov", "he"),
        ("Russian Deputy Foreign Minister", "Sergei Ryabkov", "Ryabkov", "he"),
        ("Pentagon spokesman", "John Kirby", "Kirby", "he"),
        ("U.S. Defense Secretary", "Lloyd Austin", "Austin", "he"),
        ("Belarusian leader", "Alexander Lukashenko", "Lukashenko", "he"),
        ("Polish President", "Andrzej Duda", "Duda", "he"),
        ("Lithuanian President", "Gitanas Nauseda", "Nauseda", "he"),
        ("German Foreign Minister", "Annalena Baerbock", "Baerbock", "she"),
        ("French Foreign Minister", "Jean-Yves Le Drian", "Le Drian", "he"),
        ("Chinese Foreign Ministry spokesman", "Zhao Lijian", "Zhao", "he"),
        ("UN Secretary-General", "Antonio Guterres", "Guterres", "he"),
        ("Russian Ambassador to the U.S.", "Anatoly Antonov", "Antonov", "he"),
        ("U.S. Ambassador to the UN", "Linda Thomas-Greenfield", "Thomas-Greenfield", "she"),
        ("Ukrainian Prime Minister", "Denys Shmyhal", "Shmyhal", "he"),
        ("Kyiv Mayor", "Vitali Klitschko", "Klitschko", "he"),
        ("Russian Security Council Secretary", "Nikolai Patrushev", "Patrushev", "he"),
        ("Hungarian Prime Minister", "Viktor Orban", "Orban", "he"),
        ("Italian Prime Minister", "Mario Draghi", "Draghi", "he"),
        ("Canadian Prime Minister", "Justin Trudeau", "Trudeau", "he"),
        ("Estonian Prime Minister", "Kaja Kallas", "Kallas", "she"),
        ("Russian Defense Minister", "Sergei Shoigu", "Shoigu", "he"),
        ("Dutch Prime Minister", "Mark Rutte", "Rutte", "he"),
        ("Ukrainian Interior Ministry advisor", "Anton Gerashchenko", "Gerashchenko", "he"),
        ("Separatist leader", "Denis Pushilin", "Pushilin", "he"),
    )
)

COUNTRIES = (
    "Russia",
    "Ukraine",
    "The United States",
    "Germany",
    "France",
    "Britain",
    "Belarus",
    "Poland",
    "Turkey",
    "Lithuania",
    "Canada",
    "Japan",
    "The Netherlands",
    "Estonia",
)
CITIZENS = ("American", "British", "German", "Canadian", "Australian", "Dutch", "Israeli", "Japanese", "Italian")
CITIES: tuple[str, ...] = (
    "Moscow",
    "Kyiv",
    "Washington",
    "Berlin",
    "Paris",
    "Brussels",
    "Geneva",
    "Munich",
    "London",
    "Warsaw",
)
CITIES += ("Minsk", "Vienna", "Ankara", "Beijing")
PLACES: tuple[str, ...] = (
    "Crimea",
    "Donetsk",
    "Luhansk",
    "Kharkiv",
    "Mariupol",
    "Odesa",
    "Yelnya",
    "Voronezh",
    "Belgorod",
)
PLACES += ("Brest", "Gomel", "Kherson", "the Sea of Azov", "the Black Sea", "Rostov", "Kursk", "Bryansk")
PORTS = ("Odesa", "Sevastopol", "Novorossiysk", "Mariupol", "Kherson")
EAST_FLANK = ("Poland", "Romania", "Lithuania", "Estonia", "Latvia", "Slovakia", "Bulgaria")
BODIES: tuple[str, ...] = (
    "The Kremlin",
    "The Pentagon",
    "NATO",
    "The European Union",
    "The State Department",
    "The UN Security Council",
)
BODIES += ("Ukraine's foreign ministry", "The Russian defense ministry", "The White House", "Downing Street")

# Things said: combined one or two at a time into a quotation.
CLAUSES = (
    "we are ready to continue the dialogue",
    "there will be no winners should war break out",
    "the door to diplomacy remains open",
    "Russia has no plans to attack anyone",
    "the threat of an invasion is real and growing",
    "our troops will return to their permanent locations",
    "the sanctions will be swift and severe",
    "we will not accept any ultimatums",
    "the Minsk Accords are the only way forward",
    "NATO is a defensive alliance and poses no threat to Russia",
    "security guarantees must be legally binding",
    "there will no longer be a Nord Stream 2",
    "we are not going to send troops into Ukraine",
    "the situation on the border remains extremely tense",
    "panic is the best friend of our enemies",
    "we need weapons, not words",
    "every option remains on the table",
    "this is the most dangerous moment for European security in decades",
    "we do not see any signs of de-escalation",
    "the West is whipping up hysteria",
    "our partners must take our concerns seriously",
    "Ukraine will defend every inch of its territory",
    "we will bring an end to it",
    "there is still a window for diplomacy",
    "an invasion could begin at any time",
    "we are prepared to do whatever is necessary",
    "the talks were long and difficult but useful",
    "we have offered concrete security guarantees",
    "the alliance will not compromise on its core principles",
    "the chance of a diplomatic solution is still higher than the threat of escalation",
    "we will not let anyone drag us into a war",
    "the exercises are purely defensive",
    "the answer to our proposals was unsatisfactory",
    "Europe must not be divided into spheres of influence",
    "the energy supplies of Europe cannot be held hostage",
    "there is no military solution to this conflict",
    "we stand shoulder to shoulder with our Ukrainian friends",
    "the troops are moving closer to the border every day",
    "we will respond decisively to any aggression",
    "the people of Ukraine have the right to choose their own future",
    "it would be wise for citizens to leave the country now",
    "nobody wants a war in Europe",
    "the Normandy format remains the best framework for talks",
    "the embassy will continue to work",
    "we expect a written reply within days",
    "the gas will keep flowing as long as contracts are honored",
    "this is a crisis of Russia's own making",
    "the next few days will be decisive",
    "we have seen no evidence of a pullback",
    "any incursion would be met with a united response",
)
# Words a speaker is quoted as using, in scare quotes.
TERMS = (
    "non-starters",
    "red lines",
    "hysteria",
    "a provocation",
    "a third Maidan",
    "a blitzkrieg",
    "a false flag operation",
    "propaganda",
    "an ultimatum",
    "a dead end",
    "a good basis for talks",
    "a step in the right direction",
)
# What a speaker calls someone's actions, in scare quotes.
VERDICTS = (
    "unacceptable",
    "dangerous",
    "destabilizing",
    "irresponsible",
    "purely defensive",
    "deeply concerning",
    "absurd",
    "a threat to European security",
)
CUES: tuple[str, ...] = (
    "said",
    "told reporters",
    "said in a statement",
    "said in a televised interview",
    "told a news conference",
)
CUES += ("wrote on Twitter", "said in a video address", "told state television")

# Sentences without quotations: what happened.
LEADS = (
    "{a.title} {a.name} met with {b.title} {b.name} in {city} on {day} to discuss the crisis around Ukraine.",
    "{country} said on {day} it would send {n} more troops to {place2} to reassure its allies on NATO's eastern flank.",
    "{body} announced on {day} a new package of ${money} million in military aid to Ukraine.",
    "Russian troops will leave Belarus after the end of joint military exercises later this month, {body2} said on "
    "{day}.",
    "{country} urged its citizens on {day} to leave Ukraine immediately, citing the growing risk of an invasion.",
    "Gas prices in Europe rose {pct} percent on {day} amid fears over supplies through the Nord Stream pipeline.",
    "Talks in the Normandy format between Russia, Ukraine, France and Germany ended in {city} on {day} without a "
    "breakthrough.",
    "Satellite images released on {day} showed new Russian deployments near {place}, some {km} kilometers from the "
    "Ukrainian border.",
    "The U.S. embassy in Kyiv ordered the departure of non-essential staff on {day}, and {citizens} diplomats "
    "followed.",
    "Separatists in the Donbas region accused Ukrainian forces of shelling near {place} on {day}, a claim Kyiv denied.",
    "The UN Security Council met on {day} at the request of {country2}, with Russia and the West trading accusations.",
    "{a.title} {a.name} spoke with {b.title} {b.name} by phone on {day} for about {hours} hours.",
    "Cyberattacks knocked out the websites of Ukraine's defense ministry and {few} state banks on {day}.",
    "The EU prepared a package of sanctions targeting Russian banks and energy companies, diplomats said on {day}.",
    "Moscow has amassed some {troops} troops close to the border with Ukraine, according to Western estimates "
    "released on {day}.",
    "{a.title} {a.name} arrived in {city} on {day} for a round of talks on European security.",
    "Ukraine received a new shipment of {few}0 tons of anti-tank weapons from {country2} on {day}.",
    "Russian warships entered the Black Sea on {day} ahead of naval drills near {port}.",
    "Airlines suspended flights to Kyiv on {day} after insurers withdrew cover for aircraft over Ukraine.",
    "Foreign ministers of the Group of Seven met in {city} on {day} and warned of massive consequences.",
    "{country} moved its embassy from Kyiv to Lviv on {day}, citing security concerns.",
    "Russia's parliament on {day} asked Putin to recognize the separatist regions of Donetsk and Luhansk.",
    "Ukrainian officials told reporters on {day} that {n} soldiers had been placed on alert near {place}.",
    "Oil prices climbed to ${money} a barrel on {day}, the highest since {year}, as investors weighed the risk of war.",
    "The Kremlin said on {day} that Putin would hold a meeting of his Security Council to discuss the crisis.",
    "Russia and Belarus began {few}0 days of joint military exercises on {day}, involving some {troops} troops.",
)
# Sentences without quotations: why it matters.
CONTEXTS = (
    "The remarks came as some {troops} Russian troops remained massed near the border.",
    "Officials said a decision was expected within days.",
    "The statement was the latest in a series of mixed signals from Moscow.",
    "Western officials have repeatedly warned that Russia could invade Ukraine at short notice.",
    "Moscow denies any plan to attack its neighbor and accuses NATO of threatening its security.",
    "The move was welcomed in Kyiv but criticized in Moscow.",
    "Diplomats described the atmosphere of the meeting as businesslike but tense.",
    "Europe gets about {pct} percent of its natural gas from Russia.",
    "The talks are expected to continue next week in {city}.",
    "It was not immediately clear how many people had been affected.",
    "Russia annexed Crimea from Ukraine in 2014, and fighting in the east has killed more than {deaths} people since.",
    "The United States and its allies have ruled out sending combat troops to Ukraine.",
    "Markets fell sharply on the news, with the ruble losing {pct} percent against the dollar.",
    "Analysts said the announcement was unlikely to ease tensions.",
    "The Minsk agreements of 2014 and 2015 were meant to end the fighting in the Donbas region.",
    "Ukraine is not a member of NATO, but has long sought to join the alliance.",
    "The Nord Stream 2 pipeline, which would double Russian gas flows to Germany, has yet to begin operating.",
    "The two sides agreed to keep talking, according to a readout of the conversation.",
    "Neither side gave details of what had been agreed.",
    "Several airlines have already rerouted flights away from the region.",
)
# Background paragraphs: the standing context that repeats from day to day. One tuple of sentences a topic.
BACKGROUND = (
    (
        "High-stakes talks between Russia and the West have so far failed to de-escalate a tense standoff between the "
        "sides, with the United States warning of a serious risk of a Russian offensive against Ukraine.",
        "Washington and its allies have threatened sweeping sanctions if Moscow attacks.",
    ),
    (
        "In addition to demanding a ban on Ukraine’s future membership to NATO, Russia wants the Western alliance to "
        "pull back its forces to where they were in 1997, before eastern European members joined.",
        "Moscow has amassed some 100,000 troops close to the border with Ukraine and in annexed Crimea, and its "
        "announcement of surprise military exercises with neighboring Belarus has fueled tensions further.",
    ),
    (
        "NATO and the U.S. have called Russia’s demands “non-starters,” instead offering to open a dialogue with "
        "Russia on a host of lesser issues such as missile deployment and military exercises.",
        "Moscow said this was unacceptable and awaited written responses from the U.S. on each of its demands.",
        "The U.S. and NATO delivered their confidential written responses on Jan. 26 and are still awaiting an "
        "official reply from Moscow.",
    ),
    (
        "Fighting between Ukrainian forces and Russian-backed separatists in the eastern Donbas region has killed more "
        "than 14,000 people since 2014.",
        "A ceasefire agreed in July 2020 is regularly violated, with both sides reporting dozens of incidents a week.",
    ),
    (
        "Europe depends on Russia for about 40 percent of its natural gas, and gas prices have more than tripled "
        "over the past year.",
        "The Nord Stream 2 pipeline under the Baltic Sea, built to carry 55 billion cubic meters a year to Germany, "
        "has been completed but not certified.",
    ),
    (
        "The United States has put 8,500 troops on heightened alert for possible deployment to Eastern Europe and "
        "has sent 3,000 soldiers to Poland, Germany and Romania.",
        "Britain, Denmark, Spain and the Netherlands have sent ships and fighter jets to the region.",
    ),
    (
        "Russia and Belarus are holding joint military drills that Western officials say involve some 30,000 Russian "
        "troops, the largest deployment to Belarus since the end of the Cold War.",
        "Minsk lies less than 400 kilometers from Kyiv.",
    ),
    (
        "Diplomatic efforts have intensified, with leaders of France and Germany traveling to Moscow and Kyiv, and "
        "talks in the Normandy format resuming after a pause of more than two years.",
    ),
)
# Sentences occasionally appended to a background paragraph.
APPENDS = (
    "Western intelligence officials say the buildup has continued despite the talks.",
    "Moscow has repeatedly denied that it plans to invade.",
    "The Kremlin has called Western warnings “hysteria.”",
    "Ukraine has received more than 2,000 tons of military aid from its allies since January.",
    "Several Western countries have told their citizens to leave Ukraine.",
    "The European Union has said it is ready to impose sanctions within 48 hours of an attack.",
    "Russia has also moved blood supplies and field hospitals closer to the border, U.S. officials say.",
    "Talks are set to continue at the level of political advisers in Berlin.",
    "More than 130,000 Russian troops are now believed to be in the region.",
    "Kyiv has called for calm and warned that panic could damage the economy.",
    "Russian naval drills in the Black Sea are scheduled to last until Feb. 19.",
    "The White House has said an invasion could begin at any time.",
)
QUERY_TERMS = ("peskov", "troops", "nord stream", "minsk accords", "security guarantees", "normandy format")

_APPENDED = frozenset(APPENDS)
# Figures worth editing: thousands, and amounts with a unit (not dates, not years).
_NUMBER = re.compile(r"\b\d{1,3}(?:,\d{3})+\b|\b\d+(?= (?:percent|hours|kilometers|billion|tons|troops|days))")


def month_day(date: dt.date) -> str:
    return f"{_MONTHS[date.month - 1]} {date.day}"


def heading(date: dt.date) -> str:
    return f"{month_day(date)}: What you need to know today"


class _Series:
    """The evolving state of one series: its background and its recent items."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.background: list[list[str]] = []
        self.arc_left = 0
        self.recent: deque[list[str]] = deque(maxlen=3)
        self._new_arc()

    def _new_arc(self) -> None:
        """Every few weeks the background is rewritten: a fresh choice of topics, with fresh figures."""
        rng = self.rng
        topics = sorted(rng.sample(range(len(BACKGROUND)), rng.randint(3, 5)))
        self.background = [list(BACKGROUND[t]) for t in topics]
        for _ in range(rng.randint(0, 3)):
            self._change_figure()
        self.arc_left = rng.randint(20, 120)

    # Background: repeated with occasional edits.
    def evolve_background(self) -> None:
        rng = self.rng
        self.arc_left -= 1
        if self.arc_left <= 0:
            self._new_arc()
            return
        roll = rng.random()
        paragraphs = self.background
        if roll < 0.10:
            self._change_figure()
        elif roll < 0.16:
            target = rng.choice(paragraphs)
            sentence = rng.choice(APPENDS)
            if all(sentence not in p for p in paragraphs):
                target.append(sentence)
            if len(target) > 4:  # the oldest appended sentence goes
                del target[next((i for i, t in enumerate(target) if t in _APPENDED), 1)]
        elif roll < 0.18 and len(paragraphs) < 5:
            splittable = [i for i, p in enumerate(paragraphs) if len(p) >= 2]
            if splittable:
                i = rng.choice(splittable)
                cut = rng.randint(1, len(paragraphs[i]) - 1)
                paragraphs[i : i + 1] = [paragraphs[i][:cut], paragraphs[i][cut:]]
        elif roll < 0.19 and len(paragraphs) > 3:
            del paragraphs[rng.randrange(1, len(paragraphs))]
        elif roll < 0.20 and len(paragraphs) < 5:
            fresh = list(rng.choice(BACKGROUND))
            if fresh not in paragraphs:
                paragraphs.insert(rng.randint(1, len(paragraphs)), fresh)

    def _change_figure(self) -> None:
        rng = self.rng
        spots = [
            (p, s) for p, para in enumerate(self.background) for s, text in enumerate(para) if _NUMBER.search(text)
        ]
        if not spots:
            return
        p, s = rng.choice(spots)
        text = self.background[p][s]
        matches = list(_NUMBER.finditer(text))
        match = rng.choice(matches)
        old = int(match.group().replace(",", ""))
        if 1900 <= old <= 2030:  # a year: leave it alone
            return
        new = max(2, round(old * rng.uniform(0.8, 1.35)))
        if old >= 1000:
            new = round(new, -2)
        shown = f"{new:,}" if "," in match.group() or new >= 10000 else str(new)
        self.background[p][s] = text[: match.start()] + shown + text[match.end() :]

    def background_text(self) -> list[str]:
        return [" ".join(p) for p in self.background]

    # Items: new every day, some carried over.
    def items(self, date: dt.date) -> list[str]:
        rng = self.rng
        count = rng.randint(6, 10)
        carried: list[str] = []
        if self.recent:
            roll = rng.random()
            wanted = 2 if roll < 0.12 else 1 if roll < 0.45 else 0
            pool = [item for day in self.recent for item in day]
            for item in rng.sample(pool, min(wanted, len(pool))):
                if rng.random() < 0.2:
                    item = f"{item} {self._fill(rng.choice(CONTEXTS), date)}"
                carried.append(item)
        fresh = [self._item(date) for _ in range(count - len(carried))]
        self.recent.append(fresh)
        out = fresh + carried
        for item in carried:  # a carried item keeps roughly its old place, not always last
            out.remove(item)
            out.insert(rng.randint(0, len(out)), item)
        return out

    def _fill(self, template: str, date: dt.date) -> str:
        rng = self.rng
        if "{" not in template:
            return template
        a, b = rng.sample(SPEAKERS, 2)
        return template.format(
            a=a,
            b=b,
            day=_WEEKDAYS[(date - dt.timedelta(days=rng.choice((0, 1, 1, 1, 2)))).weekday()],
            city=rng.choice(CITIES),
            country=rng.choice(COUNTRIES),
            country2=rng.choice(COUNTRIES).replace("The ", "the "),
            citizens=rng.choice(CITIZENS),
            place=rng.choice(PLACES),
            port=rng.choice(PORTS),
            place2=rng.choice(EAST_FLANK),
            body=rng.choice(BODIES),
            body2=rng.choice(BODIES).replace("The ", "the "),
            n=f"{rng.randrange(1, 90) * 100:,}",
            troops=f"{rng.randrange(60, 190) * 1000:,}",
            money=rng.randrange(15, 990),
            pct=rng.randrange(2, 45),
            km=rng.randrange(20, 400),
            hours=rng.choice(("two", "three", "five", "one and a half")),
            few=rng.randrange(2, 9),
            year=rng.randrange(2008, 2021),
            deaths=f"{rng.randrange(13, 15)},{rng.randrange(0, 10)}00",
        )

    def _quote(self, capital: bool = False) -> str:
        rng = self.rng
        first = rng.choice(CLAUSES)
        roll = rng.random()
        if roll < 0.25:
            text = f"{first}, and {rng.choice(CLAUSES)}"
        elif roll < 0.35:
            text = f"{first} … {rng.choice(CLAUSES)}"
        elif roll < 0.45:
            second = rng.choice(CLAUSES)
            text = f"{first}. {second[0].upper()}{second[1:]}"
        else:
            text = first
        return text[0].upper() + text[1:] if capital or rng.random() < 0.3 else text

    def _attributed(self, who: Speaker, first_mention: bool, date: dt.date) -> str:
        """One sentence quoting ``who``, in one of the many ways briefings attribute a quotation."""
        rng = self.rng
        lq, rq = ('"', '"') if rng.random() < 0.2 else ("“", "”")
        full = f"{who.title} {who.name}" if first_mention else who.surname
        lead = full[0].upper() + full[1:]  # "von der Leyen" starting a sentence
        day = _WEEKDAYS[(date - dt.timedelta(days=1)).weekday()]
        cue = rng.choice(CUES)
        form = rng.randrange(12)
        if form == 0:
            return f"{lead} {cue} on {day} that {lq}{self._quote()}.{rq}"
        if form == 1:
            return f"{lq}{self._quote(True)},{rq} said {full}."
        if form == 2:
            return f"{lq}{self._quote(True)},{rq} {full} {cue}."
        if form == 3 and not first_mention:
            return f"{who.pronoun.capitalize()} added that {lq}{self._quote()}.{rq}"
        if form == 3:
            return f"{lead} said {lq}{self._quote()}.{rq}"
        if form == 4:
            return f"According to {full}, {lq}{self._quote()}.{rq}"
        if form == 5:
            term = rng.choice(TERMS)
            return f"{lead} dismissed Western warnings as {lq}{term}{rq} and said {lq}{self._quote()}.{rq}"
        if form == 6:
            return f"{lq}{self._quote(True)},{rq} {full} {cue}. {lq}{self._quote(True)}.{rq}"
        if form == 7:
            return f"{lead} {cue}: {lq}{self._quote(True)}.{rq}"
        if form == 8:
            return f"{lead} called the proposals {lq}{rng.choice(TERMS)},{rq} adding that {lq}{self._quote()}.{rq}"
        if form == 9:
            return f"{lq}{self._quote(True)},{rq} {full} {cue} on {day}, adding that {lq}{rng.choice(CLAUSES)}.{rq}"
        if form == 10:
            actor = rng.choice(("Moscow’s", "Russia's", "NATO’s", "Washington's", "Kyiv’s"))
            return f"{lead} {cue} on {day} that {actor} actions were {lq}{rng.choice(VERDICTS)}.{rq}"
        return f"{lead} said on {day} that {lq}{self._quote()}.{rq}"

    def _item(self, date: dt.date) -> str:
        rng = self.rng
        target = rng.randint(60, 110)
        sentences = [self._fill(rng.choice(LEADS), date)]
        who = rng.choice(SPEAKERS)
        sentences.append(self._attributed(who, True, date))
        words = sum(s.count(" ") + 1 for s in sentences)
        while words < target:
            if rng.random() < 0.45:
                if rng.random() < 0.3:
                    who = rng.choice(SPEAKERS)
                    sentence = self._attributed(who, True, date)
                else:
                    sentence = self._attributed(who, False, date)
            else:
                sentence = self._fill(rng.choice(CONTEXTS), date)
                if sentence in sentences:
                    continue
            size = sentence.count(" ") + 1
            if words >= 60 and words + size > min(target + 12, 120):
                break
            sentences.append(sentence)
            words += size
        return " ".join(sentences)

    def briefing(self, date: dt.date) -> str:
        rng = self.rng
        self.evolve_background()
        background = self.background_text()
        parts = [f" date {date.isoformat()} {background[0]}", *background[1:], heading(date)]
        parts.extend(self.items(date))
        roll = rng.random()
        if roll < 0.55:
            parts.append("AFP contributed reporting.")
        elif roll < 0.65:
            parts.append("Reuters contributed reporting.")
        elif roll < 0.70:
            parts.append("AFP and Reuters contributed reporting.")
        return "\n\n".join(parts)


def _series_name(index: int) -> str:
    base = SERIES_NAMES[index % len(SERIES_NAMES)]
    return base if index < len(SERIES_NAMES) else f"{base}-{index // len(SERIES_NAMES) + 1}"


def series_dates(briefings: int, series: int = 1) -> list[list[dt.date]]:
    """The dates each series gets, oldest first: series ``s`` ends on ``LATEST`` minus ``s`` days."""
    dates: list[list[dt.date]] = []
    for s in range(series):
        count = briefings // series + (1 if s < briefings % series else 0)
        end = LATEST - dt.timedelta(days=s)
        dates.append([end - dt.timedelta(days=count - 1 - i) for i in range(count)])
    return dates


def generate(out: Path, briefings: int, series: int = 1, seed: int = 0) -> list[Path]:
    """Write ``briefings`` files split over ``series`` folders under ``out``; return their paths, newest first."""
    if briefings < 0 or series < 1:
        raise ValueError("briefings must be >= 0 and series >= 1")
    out = Path(out)
    paths: list[Path] = []
    for s, dates in enumerate(series_dates(briefings, series)):
        folder = out / _series_name(s)
        folder.mkdir(parents=True, exist_ok=True)
        state = _Series(random.Random(seed * 1_000_003 + s))
        width = max(3, len(str(len(dates) - 1)))
        written: list[Path] = []
        for i, date in enumerate(dates):  # oldest first: the state evolves forward in time
            data = state.briefing(date).encode("utf-8")
            digest = hashlib.blake2b(data, digest_size=8).hexdigest()
            path = folder / f"{len(dates) - 1 - i:0{width}d}_{digest}.txt"  # numbered newest first, like the seeds
            path.write_bytes(data)
            written.append(path)
        written.reverse()
        paths.extend(written)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write into (created; must be empty if it exists)")
    parser.add_argument("--briefings", type=int, required=True, help="number of briefing files")
    parser.add_argument("--series", type=int, default=1, help="number of series folders (default 1)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        parser.error(f"{args.out} is not empty")
    start = time.perf_counter()
    paths = generate(args.out, args.briefings, args.series, args.seed)
    elapsed = time.perf_counter() - start
    size = sum(p.stat().st_size for p in paths)
    per = size / len(paths) / 1e3 if paths else 0.0
    print(
        f"{len(paths)} briefings in {args.series} series, {size / 1e6:.1f} MB ({per:.1f} KB a file), "
        f"in {elapsed:.2f} s -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
