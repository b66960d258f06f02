"""The user's corrections: stored as decisions, applied on top of the model's answers, kept across re-ingests.

A decision is about words as written ("Cancun"), in one of three scopes: one
mention, every mention of the words in one document, or in the whole workspace.
It confirms the model's place, chooses another, says the words are not a place,
or adds a place the recognizer missed. The mention-level decision beats the
document-level one, which beats the workspace-level one; within a scope the
latest wins. Decisions are never deleted: undoing one marks it undone.

Re-parsing a document keeps every decision whose words are still at the same
place in its text; :func:`unfit_decisions` lists those that no longer fit.

>>> from mapview.workspace import Workspace                                 # doctest: +SKIP
>>> decide(ws, mention_key, "place", place=harare_not, scope="workspace")  # doctest: +SKIP
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from gazetteer import Place
from mapview.exc import WorkspaceError
from mapview.records import Span
from mapview.workspace.store import Workspace
from mapview.workspace.writes import now, store_places

SCOPES = ("mention", "document", "workspace")
"""Where a decision applies: one mention, the same words in its document, or everywhere."""
ACTIONS = ("accept", "place", "not_place", "add")
"""What a decision says."""


class DecisionError(WorkspaceError, ValueError):
    """Raised when a decision cannot be made: an unknown mention, scope or action, or words not in the text."""


@dataclass(frozen=True, slots=True)
class Decision:
    """One stored decision. ``place_id`` is the place chosen (None for ``not_place``);
    ``model_place_id``/``model_confidence`` are the model's answer when it was made."""

    key: int
    scope: str
    doc_id: str | None
    start: int | None
    end: int | None
    words: str
    action: str
    place_id: str | None
    model_place_id: str | None
    model_confidence: float | None
    created_at: str
    undone_at: str | None


_COLUMNS = (
    "pk, scope, doc_id, char_start, char_end, words, action, place, model_place, model_confidence,"
    " created_at, undone_at"
)


def decide(
    workspace: Workspace, mention_key: int, action: str, *, place: Place | None = None, scope: str = "mention"
) -> Decision:
    """Record a decision about the mention ``mention_key`` and apply it.

    ``action`` is ``"accept"`` (the model's place is right), ``"place"`` (it is
    ``place``) or ``"not_place"`` (the words are no place). Raises
    :class:`DecisionError` for an unknown mention, action or scope, or a missing place.
    """
    if action not in ("accept", "place", "not_place"):
        raise DecisionError(f"action must be accept, place or not_place, not {action!r}")
    if scope not in SCOPES:
        raise DecisionError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
    if action == "place" and place is None:
        raise DecisionError("choosing a place needs the place")
    with workspace.transaction() as db:
        row = db.execute(
            """SELECT d.id, m.char_start, m.char_end, m.name, m.model_place, m.confidence
               FROM mentions m JOIN documents d ON d.pk = m.doc WHERE m.pk = ?""",
            (mention_key,),
        ).fetchone()
        if row is None:
            raise DecisionError(f"no mention {mention_key} in {workspace.path}")
        doc_id, start, end, words, model_place, confidence = row
        if place is not None:
            store_places(db, [place])
        chosen = place.id if action == "place" and place is not None else model_place if action == "accept" else None
        key = _insert(
            db,
            scope=scope,
            doc_id=None if scope == "workspace" else doc_id,
            span=(start, end) if scope == "mention" else None,
            sentence=None,
            words=words,
            action=action,
            place=chosen,
            model_place=model_place,
            model_confidence=confidence,
        )
        apply_decisions(db, None if scope == "workspace" else [doc_id])
    return _get(workspace, key)


def add_mention(workspace: Workspace, doc_id: str, start: int, end: int, place: Place, sentence: Span) -> Decision:
    """Add a place the recognizer missed: ``text[start:end]`` of the document ``doc_id`` names ``place``.

    Raises :class:`DecisionError` when the document is unknown, the span is
    empty or outside the sentence, or overlaps a mention already there.
    """
    with workspace.transaction() as db:
        row = db.execute("SELECT pk, text FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DecisionError(f"no document {doc_id!r} in {workspace.path}")
        doc_pk, text = row
        if not (0 <= sentence.start <= start < end <= sentence.end <= len(text)) or not text[start:end].strip():
            raise DecisionError(f"{doc_id}: [{start}, {end}) is not words within the sentence")
        overlap = db.execute(
            "SELECT name FROM mentions WHERE doc = ? AND char_start < ? AND char_end > ?", (doc_pk, end, start)
        ).fetchone()
        if overlap is not None:
            raise DecisionError(f"{doc_id}: {text[start:end]!r} overlaps the mention {overlap[0]!r}: correct that one")
        store_places(db, [place])
        key = _insert(
            db,
            scope="mention",
            doc_id=doc_id,
            span=(start, end),
            sentence=(sentence.start, sentence.end),
            words=text[start:end],
            action="add",
            place=place.id,
            model_place=None,
            model_confidence=None,
        )
        apply_decisions(db, [doc_id])
    return _get(workspace, key)


def undo(workspace: Workspace, decision_key: int) -> None:
    """Undo a decision: the answer before it is in force again (the decision stays, marked undone)."""
    with workspace.transaction() as db:
        row = db.execute(
            "SELECT scope, doc_id FROM decisions WHERE pk = ? AND undone_at IS NULL", (decision_key,)
        ).fetchone()
        if row is None:
            raise DecisionError(f"no decision {decision_key} to undo in {workspace.path}")
        db.execute("UPDATE decisions SET undone_at = ? WHERE pk = ?", (now(), decision_key))
        apply_decisions(db, None if row[0] == "workspace" else [row[1]])


def decisions(workspace: Workspace, *, include_undone: bool = False) -> list[Decision]:
    """Every decision, latest first."""
    where = "" if include_undone else "WHERE undone_at IS NULL"
    return [Decision(*row) for row in workspace.query(f"SELECT {_COLUMNS} FROM decisions {where} ORDER BY pk DESC")]


def unfit_decisions(workspace: Workspace) -> list[Decision]:
    """Decisions about one mention whose words are no longer at their place in the document's text
    (the document changed and was parsed again), or whose document is gone."""
    rows = workspace.query(
        f"""SELECT {", ".join("x." + c.strip() for c in _COLUMNS.split(","))} FROM decisions x
            LEFT JOIN documents d ON d.id = x.doc_id
            WHERE x.undone_at IS NULL AND x.scope = 'mention'
              AND (d.pk IS NULL OR substr(d.text, x.char_start + 1, x.char_end - x.char_start) != x.words)
            ORDER BY x.pk DESC"""
    )
    return [Decision(*row) for row in rows]


def apply_decisions(db: sqlite3.Connection, doc_ids: Iterable[str] | None) -> None:
    """Recompute the answers in force for the mentions of ``doc_ids`` (None: every document).

    Starts from the model's answers, puts back the places the user added whose
    words still fit, then applies the decisions in scope order (workspace,
    document, mention), oldest first, so the narrowest and latest win. Runs in
    the caller's transaction. An added place whose words the model now finds
    itself, at the same span, sets that mention's place.
    """
    if doc_ids is None:
        docs_sql, params = "SELECT pk FROM documents", []
    else:
        docs_sql, params = (
            "SELECT pk FROM documents WHERE id IN (SELECT value FROM json_each(?))",
            [json.dumps(sorted(set(doc_ids)))],
        )
    db.execute(f"DELETE FROM mentions WHERE origin = 'user' AND doc IN ({docs_sql})", params)
    db.execute(
        f"UPDATE mentions SET place = model_place, resolved_by = 'model', decision = NULL WHERE doc IN ({docs_sql})",
        params,
    )
    db.execute(
        f"""INSERT INTO mentions (doc, char_start, char_end, name, label, sent_start, sent_end, model_place,
                                  confidence, alternatives, place, resolved_by, decision, origin)
            SELECT d.pk, x.char_start, x.char_end, x.words, 'place', x.sent_start, x.sent_end, NULL, 1.0, '[]',
                   x.place, 'user', x.pk, 'user'
            FROM decisions x JOIN documents d ON d.id = x.doc_id
            WHERE x.action = 'add' AND x.undone_at IS NULL AND d.pk IN ({docs_sql})
              AND substr(d.text, x.char_start + 1, x.char_end - x.char_start) = x.words
              AND NOT EXISTS (SELECT 1 FROM mentions m WHERE m.doc = d.pk AND m.char_start < x.char_end
                                                         AND m.char_end > x.char_start)""",
        params,
    )
    for scope in ("workspace", "document", "mention"):
        for key, doc_id, start, end, words, action, place in db.execute(
            """SELECT pk, doc_id, char_start, char_end, words, action, place FROM decisions
               WHERE scope = ? AND undone_at IS NULL ORDER BY pk""",
            (scope,),
        ).fetchall():
            where = ["m.name = ?", f"m.doc IN ({docs_sql})"]
            values: list[object] = [words, *params]
            if scope != "workspace":
                where.append("m.doc = (SELECT pk FROM documents WHERE id = ?)")
                values.append(doc_id)
            if scope == "mention":
                where += ["m.char_start = ?", "m.char_end = ?"]
                values += [start, end]
            answer = "m.model_place" if action == "accept" else "?"
            db.execute(
                f"UPDATE mentions AS m SET place = {answer}, resolved_by = 'user', decision = ?"
                f" WHERE {' AND '.join(where)}",
                ([] if action == "accept" else [place]) + [key, *values],
            )


def _insert(
    db: sqlite3.Connection,
    *,
    scope: str,
    doc_id: str | None,
    span: tuple[int, int] | None,
    sentence: tuple[int, int] | None,
    words: str,
    action: str,
    place: str | None,
    model_place: str | None,
    model_confidence: float | None,
) -> int:
    start, end = span if span is not None else (None, None)
    s_start, s_end = sentence if sentence is not None else (None, None)
    row = db.execute(
        """INSERT INTO decisions (scope, doc_id, char_start, char_end, sent_start, sent_end, words, action, place,
                                  model_place, model_confidence, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING pk""",
        (scope, doc_id, start, end, s_start, s_end, words, action, place, model_place, model_confidence, now()),
    ).fetchone()
    return int(row[0])


def _get(workspace: Workspace, key: int) -> Decision:
    return Decision(*workspace.query(f"SELECT {_COLUMNS} FROM decisions WHERE pk = ?", (key,))[0])
