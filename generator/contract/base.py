"""The base of every model of the contract: unknown keys refused, values frozen once validated; and the
checks across an item's fields (``Checked``), told with the item's other mistakes, every one in one run."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any, Callable, ClassVar, Iterable, Iterator, TypeVar, Union, cast, get_args, get_origin

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError, ValidationInfo, model_validator
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError, PydanticKnownError

from generator.contract.key_hints import typed_otherwise

T = TypeVar("T")
Check = Callable[[Any], Iterable[PydanticCustomError]]
"""A check across an item's fields: the item (or ``Fields``, its valid fields) → each problem it finds."""


class Model(BaseModel):
    """Unknown keys are refused (``extra="forbid"``) so a typo never silently drops a caretaker's hours; a
    field is read by its key in the contract only (``from``), never by the program's name (``from_``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def no_items() -> list[Any]:
    """A new empty list, the default of an optional list (``Field(default_factory=no_items)``). Not ``list``
    itself: pydantic reads a default factory's signature, which a built-in's is parsed from its text, with
    the tokenizer (~0.25 ms each, 27 fields: 4 ms of the first validation of a command)."""
    return []


def refused_at(key: Union[str, int, tuple[Union[str, int], ...]], message: str, hint: str) -> PydanticCustomError:
    """An error of a check across a model's fields, told at the line of ``key`` (the value to change, a key
    of the model or a path in it; ``()`` the item itself), not at the first line of the whole item, where the
    editor would look for it in vain (``project`` adds ``at`` to the error's place). The message comes last
    in the context: a ``{hint}`` typed in a value it quotes stays as typed."""
    return PydanticCustomError("value_error_at", "{message}", {"at": key, "hint": hint, "message": message})


def typed_empty(item: Any, *keys: str) -> Union[str, tuple[()]]:
    """The first of ``keys`` typed in ``item`` (left empty: « schedule: », « repaired: ~ »), where a check that
    finds its value missing tells it: at its own line, not at the item's first one; ``()`` (the item) if none is."""
    return next((key for key in keys if key in item.model_fields_set), ())


def refused(problems: list[PydanticCustomError], typed: Any) -> ValidationError:
    """Several problems of one value or item raised together, each at its own place (pydantic tells every
    line error of a ``ValidationError`` raised by a validator, under the validator's place)."""
    return ValidationError.from_exception_data("refused", [InitErrorDetails(type=problem, loc=(), input=typed)
                                                           for problem in problems])


class Unknown(Exception):
    """Raised when a check reads a field that has an error of its own: the check is skipped, the field's own
    error told (comparing a value the file must change anyway would tell a mistake that may not be one)."""


class Checked(Model):
    """A model with checks across its fields (a slot's close after its open, a notice's « until » after its
    « from »). Pydantic runs an « after » validator only once every field is valid, and it stops at its first
    error: a notice with an invalid ``level`` and ``until`` before ``from`` told the level, and the dates only
    at the next run. Here every check of ``checks`` runs, on the item or, when some of its fields are not
    valid, on those that are (``Fields``), and all their problems are told with the fields' own errors."""

    checks: ClassVar[tuple[Check, ...]] = ()

    @model_validator(mode="wrap")
    @classmethod
    def _checked_across(cls, data: Any, handler: Callable[[Any], Any], info: ValidationInfo) -> Any:
        try:
            item = handler(data)
        except ValidationError as error:
            if not isinstance(data, dict):
                raise
            errors = error.errors()
            found = _found(cls.checks, Fields(cls, data, errors, info.context))
            if not found:
                raise
            raise ValidationError.from_exception_data(cls.__name__, [*map(_again, errors), *(
                InitErrorDetails(type=problem, loc=(), input=data) for problem in found)]) from None
        found = _found(cls.checks, item)
        if found:
            raise refused(found, data)
        return item


def each(items: Iterable[Any], read: Callable[[Any], T]) -> Iterator[tuple[int, T]]:
    """(index, ``read(item)``) for each item of a list whose value read is valid: a check over a list's items
    checks the others when one of them has an error of its own."""
    for index, item in enumerate(items):
        try:
            yield index, read(item)
        except Unknown:
            continue


class Fields:
    """The fields of an item that is not valid as a whole, each validated alone when a check reads it; one
    with an error of its own raises ``Unknown``. A list (or a mapping) whose items have errors of their own
    gives its items, each valid, or its own ``Fields``, or ``INVALID`` (``known`` tells them apart)."""

    def __init__(self, model: type[BaseModel], data: dict[str, Any], errors: list[ErrorDetails],
                 context: Any) -> None:
        self._model, self._data, self._errors, self._context = model, data, errors, context

    @property
    def model_fields_set(self) -> set[str]:
        """The fields typed, as pydantic's ``model_fields_set`` of a valid item."""
        return {name for name, field in self._model.model_fields.items() if (field.alias or name) in self._data}

    def __getattr__(self, name: str) -> Any:
        field = self._model.model_fields.get(name)
        if field is None:
            raise AttributeError(name)
        key = field.alias or name
        if key not in self._data:
            known = [info.alias or each for each, info in self._model.model_fields.items()]
            if field.is_required() or typed_otherwise(key, self._data, known):  # told « manquant », or unknown
                raise Unknown(name)
            return field.get_default(call_default_factory=True)
        own = [error for error in self._errors if error["loc"][:1] == (key,)]
        if not own:
            return _adapter(self._model, name).validate_python(self._data[key], context=self._context)
        typed, item_type = self._data[key], _item_type(field.annotation)
        if item_type is None or not isinstance(typed, (list, dict)) or any(len(e["loc"]) < 2 for e in own):
            raise Unknown(name)
        items = typed.items() if isinstance(typed, dict) else enumerate(typed)
        found = {at: self._item(item_type, raw, [{**e, "loc": e["loc"][2:]} for e in own if e["loc"][1] == at])
                 for at, raw in items}
        return found if isinstance(typed, dict) else list(found.values())

    def _item(self, kind: Any, typed: Any, errors: list[ErrorDetails]) -> Any:
        if not errors:
            return _type_adapter(kind).validate_python(typed, context=self._context)
        if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(typed, dict):
            return Fields(kind, typed, errors, self._context)
        return INVALID


class _Invalid:
    """An item of a list that has an error of its own and is not a group of keys: every field of it is unknown."""

    def __getattr__(self, name: str) -> Any:
        raise Unknown(name)


INVALID = _Invalid()


def known(item: Any) -> bool:
    """Whether an item of a list read by a check is valid as a whole (not ``INVALID`` nor ``Fields``)."""
    return not isinstance(item, (_Invalid, Fields))


def _found(checks: tuple[Check, ...], item: Any) -> list[PydanticCustomError]:
    found = []
    for check in checks:
        try:
            found += list(check(item))
        except Unknown:
            continue
    return found


@cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """One field's type with its constraints (``min_length``…), to validate it alone."""
    field = model.model_fields[name]
    annotation: Any = field.annotation
    return TypeAdapter(cast(Any, Annotated)[tuple([annotation, *field.metadata])] if field.metadata else annotation)


@cache
def _type_adapter(kind: Any) -> TypeAdapter[Any]:
    return TypeAdapter(kind)


def _item_type(annotation: Any) -> Any:
    """``OutageUpdate`` of ``list[OutageUpdate]``, ``Agency`` of ``dict[str, Agency]``; None for any other type."""
    args = get_args(annotation)
    return args[-1] if get_origin(annotation) in (list, dict) and args else None


def _again(error: ErrorDetails) -> InitErrorDetails:
    """A line error of pydantic, to raise again with others: pydantic's own kinds made again from their
    context; ours with their message as it was told (last in the context, so that nothing in it is replaced)."""
    context = dict(error.get("ctx") or {})
    try:
        PydanticKnownError(cast(Any, error["type"]), context or None)
    except KeyError:
        context.pop("message", None)
        custom = PydanticCustomError(error["type"], "{message}", {**context, "message": error["msg"]})
        return InitErrorDetails(type=custom, loc=error["loc"], input=error["input"])
    if context:
        return InitErrorDetails(type=error["type"], loc=error["loc"], input=error["input"], ctx=context)
    return InitErrorDetails(type=error["type"], loc=error["loc"], input=error["input"])
