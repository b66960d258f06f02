"""spaCy's greedy NER decoding, run over a whole batch of token sequences at once in numpy.

spaCy's own decoder walks each sequence token by token in compiled code; in the
wheels pinned here every step of that walk also takes and drops the
interpreter's lock (measured with ``perf``: a third of the NER stage's time went
to locking). :class:`GreedyNer` makes the same decisions from the same model:
the model's token vectors and precomputed feature products (spaCy's own layers),
then one step for every sequence of the batch together — the three state
features (next token, first token of the open entity, the token before the
next), the hidden layer's maxout, the output layer, and the moves the BILUO
system allows — taking the best allowed move as spaCy does (the first of equal
scores). It reads the model's parameters, so it follows whatever
``en_core_web_sm`` was loaded; :meth:`GreedyNer.of` declines (None) a pipeline
built otherwise (beam search, other features), which then runs through spaCy.

It runs on sequences with no entities set in advance and no sentence starts
(the recognizer's windows and pieces), the cases where spaCy's moves need
neither; :meth:`GreedyNer.entities` refuses others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from spacy.language import Language

Entity = tuple[int, int, str]
"""Token start, token end (exclusive) and label of an entity found."""


class Tokens(Protocol):
    """What the model reads of a sequence: a Doc, or :class:`Rows` cut from one."""

    def to_array(self, columns: Any) -> Any: ...

    def __len__(self) -> int: ...


@dataclass(frozen=True, slots=True)
class Rows:
    """Tokens ``[start, end)`` of a Doc, as the model's feature columns (a window read without a Doc of its own).

    ``features`` are the Doc's ``to_array(GreedyNer.columns)`` rows, ``spaces`` whether each token is whitespace.
    """

    features: Any
    spaces: Any

    def to_array(self, columns: Any) -> Any:
        """The feature rows (what spaCy's feature extractor asks a Doc for; ``columns`` are those of the model)."""
        return self.features

    def __len__(self) -> int:
        return len(self.features)


_MOVES = "BILU"


class GreedyNer:
    """The entities spaCy's ``ner`` component would set, for many sequences at once (see the module)."""

    def __init__(self, nlp: Language) -> None:
        ner = nlp.get_pipe("ner")
        model: Any = ner.model  # type: ignore[attr-defined]
        self._tok2vec, self._lower, self._upper = model.layers
        self.columns: list[int | str] = list(_extractor(self._tok2vec).attrs["columns"])
        """The token attributes the model reads, in order (for :class:`Rows`)."""
        moves: Any = ner.moves  # type: ignore[attr-defined]
        names = [str(moves.get_class_name(i)) for i in range(moves.n_moves)]
        labels = sorted({name[2:] for name in names if len(name) > 2})
        self._labels = ["", *labels]
        number = {label: k for k, label in enumerate(self._labels)}
        self._move_label = np.array([number.get(name[2:], 0) if len(name) > 2 else 0 for name in names])
        kinds = np.array([name[:1] if name[1:2] == "-" or name == "O" else "" for name in names])
        labelled = self._move_label > 0
        self._begin, self._in, self._last, self._unit = (labelled & (kinds == kind) for kind in _MOVES)
        self._out = kinds == "O"
        self._unseen = np.array(sorted(model.attrs.get("unseen_classes", ())), dtype=np.int64)
        self._allowed = self._allowed_moves()
        self._hidden_bias = self._lower.get_param("b")
        self._output_weights_t = np.ascontiguousarray(self._upper.get_param("W").T)
        self._output_bias = self._upper.get_param("b")

    def _allowed_moves(self) -> Any:
        """Which moves spaCy allows in each kind of state (a row per :meth:`_state_kinds` code).

        Outside an entity it depends on whether the next token is whitespace (no entity opens
        there) and whether another token follows it (B needs one); inside one, on the entity's
        label (I and L keep it) and whether another token follows (I needs one).
        """
        labels = len(self._labels)
        rows = []
        for code in range(4 + 2 * labels):
            is_open = code >= 4
            label, room = divmod(code - 4, 2) if is_open else (0, code // 2)
            space = not is_open and code % 2 == 1
            same = self._move_label == label
            closed_here = not is_open and not space
            rows.append(
                (self._begin & (closed_here and bool(room)))
                | (self._in & (is_open and bool(room)) & same)
                | (self._last & is_open & same)
                | (self._unit & closed_here)
                | (self._out & (not is_open))
            )
        return np.array(rows)

    @staticmethod
    def _state_kinds(is_open: Any, label: Any, room: Any, space: Any) -> Any:
        """Each state's row in :meth:`_allowed_moves`."""
        return np.where(is_open, 4 + 2 * label + room, 2 * room + space)

    @classmethod
    def of(cls, nlp: Language) -> GreedyNer | None:
        """A decoder for ``nlp``'s ``ner``, or None when it is not the greedy, three-feature kind this replicates."""
        try:
            ner: Any = nlp.get_pipe("ner")
            model = ner.model
            names = [layer.name for layer in model.layers]
            if (
                ner.cfg.get("beam_width", 1) != 1
                or names[1:] != ["precomputable_affine", "linear"]
                or not model.attrs.get("has_upper")
                or model.layers[1].get_dim("nF") != 3
                or _extractor(model.layers[0]) is None
                or any(ner.moves.get_class_name(i)[:2] not in _KNOWN for i in range(ner.moves.n_moves))
            ):
                return None
            return cls(nlp)
        except (KeyError, AttributeError, ValueError):  # another kind of component: spaCy runs it
            return None

    def entities(self, sequences: Sequence[Tokens]) -> list[list[Entity]]:
        """The entities of each sequence, in order (what ``nlp.pipe`` would set as their ``ents``).

        Raises
        ------
        ValueError
            When a Doc among ``sequences`` has entities or sentence starts set (spaCy's moves then
            depend on them).
        """
        lengths = np.array([len(s) for s in sequences], dtype=np.int64)
        found: list[list[Entity]] = [[] for _ in sequences]
        if not lengths.any():
            return found
        spaces = np.concatenate([_spaces(s) for s in sequences])
        cached = self._lower.predict(self._tok2vec.predict(list(sequences)))  # (tokens + 1, 3, hidden, pieces)
        offsets = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        count = len(sequences)
        position = np.zeros(count, dtype=np.int64)
        opened = np.zeros(count, dtype=bool)
        entity_start = np.zeros(count, dtype=np.int64)
        entity_label = np.zeros(count, dtype=np.int64)
        begin, last, unit, move_label = self._begin, self._last, self._unit, self._move_label
        active = np.flatnonzero(lengths > 0)
        while len(active):
            at, is_open = position[active], opened[active]
            token = offsets[active] + at  # in the batch; row token + 1 of ``cached`` (row 0 is padding)
            first = np.where(is_open, offsets[active] + entity_start[active] + 1, 0)
            before = np.where(is_open, token, 0)  # the token before the next, only inside an entity
            # summed in spaCy's order: the three features, then the bias
            hidden = cached[token + 1, 0] + cached[first, 1]
            hidden += cached[before, 2]
            hidden += self._hidden_bias
            scores = hidden.max(axis=-1) @ self._output_weights_t
            scores += self._output_bias
            if len(self._unseen):
                scores[:, self._unseen] = scores.min()
            room = (lengths[active] - at >= 2).astype(np.int64)
            kinds = self._state_kinds(is_open, entity_label[active], room, spaces[token])
            move = np.where(self._allowed[kinds], scores, -np.inf).argmax(axis=1)
            label = move_label[move]
            for k in np.flatnonzero(begin[move]):
                s = active[k]
                opened[s], entity_start[s], entity_label[s] = True, position[s], label[k]
            for k in np.flatnonzero(last[move]):
                s = active[k]
                opened[s] = False
                found[s].append((int(entity_start[s]), int(position[s]) + 1, self._labels[label[k]]))
            for k in np.flatnonzero(unit[move]):
                s = active[k]
                found[s].append((int(position[s]), int(position[s]) + 1, self._labels[label[k]]))
            position[active] += 1
            active = active[position[active] < lengths[active]]
        return found


_KNOWN = frozenset({"B-", "I-", "L-", "U-", "O"})


def _extractor(model: Any) -> Any:
    """The feature extractor at the head of the model's token-to-vector layers (None: not spaCy's)."""
    for node in model.walk():
        if node.name == "extract_features":
            return node
    return None


def _spaces(sequence: Tokens) -> Any:
    if isinstance(sequence, Rows):
        return sequence.spaces
    array = sequence.to_array(["IS_SPACE", "ENT_IOB", "SENT_START"])
    if len(array) and (array[:, 1].any() or (array[1:, 2] == 1).any()):
        raise ValueError("a sequence with entities or sentence starts set: run it through spaCy")
    return array[:, 0].astype(bool) if len(array) else np.zeros(0, dtype=bool)
