"""The room's routes in the workshop server (``/room/…``): plain pages, one script, no kernel.

Phones: ``/room/`` (join, then the wall: post a card, remark), ``/room/vote`` (the
ballot and "my ballot"). Projector: ``/room/screen`` (QR code and address),
``/room/screen/wall``, ``/room/screen/vote``. Trainer: ``/room/trainer``
(moderation, votes, undo, exports). Every action is a POST to ``/room/act``; updates
come back over Server-Sent Events from ``/room/events``.

A device is known by a random token in a cookie (only its hash is stored). The
trainer is the laptop itself (a loopback connection, unless the workshop was started
with ``--key-only``) or a device that opened ``/room/trainer?key=<trainer key>``.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import secrets
from urllib.parse import urlsplit

from toolkit.errors import ToolkitError
from toolkit.i18n import N_, translator
from toolkit.room import export
from toolkit.room.pages import STATIC_DIR, qr_svg, render, texts
from toolkit.room.results import results
from toolkit.room.service import RoomService
from toolkit.room.state import LIMITS, METHODS, TRAINER_KINDS, undone_ids
from toolkit.room.store import actor_hash

__all__ = [
    "DESTRUCTIVE",
    "DEVICE_COOKIE",
    "GROUP_NAMES",
    "HEARTBEAT",
    "TRAINER_COOKIE",
    "ballot_from_form",
    "room_handlers",
]

_ = translator("room")

DEVICE_COOKIE = "algca_room"
TRAINER_COOKIE = "algca_room_trainer"
#: Seconds between two heartbeats on an idle event stream (routers close idle connections).
HEARTBEAT = 15.0
#: Trainer actions that change or remove what the room made: asked twice.
DESTRUCTIVE = ("card.hide", "card.merge", "vote.close", "vote.reset", "undo")
GROUP_NAMES = {"group": N_("group"), "gender": N_("gender"), "village": N_("village")}


def ballot_from_form(method: str, args: dict[str, list[str]]):
    """A ballot from the fields of the ballot form (``dots.<item>``, ``approve``,
    ``rank.<item>``, ``score.<criterion>.<item>``).

    >>> ballot_from_form("dots", {"dots.a": ["2"], "dots.b": ["0"]})
    {'a': '2', 'b': '0'}
    >>> ballot_from_form("rank", {"rank.a": ["2"], "rank.b": ["1"], "rank.c": [""]})
    ['b', 'a']
    """
    if method == "dots":
        return {k[5:]: v[-1] for k, v in args.items() if k.startswith("dots.")}
    if method == "approval":
        return list(args.get("approve", []))
    if method == "rank":
        placed = []
        for key, values in args.items():
            if key.startswith("rank.") and values[-1].strip():
                try:
                    placed.append((int(values[-1]), key[5:]))
                except ValueError:
                    continue
        return [item for _n, item in sorted(placed)]
    if method == "scores":
        out: dict = {}
        for key, values in args.items():
            if key.startswith("score."):
                _s, criterion, item = key.split(".", 2)
                out.setdefault(criterion, {})[item] = values[-1]
        return out
    return None


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def room_handlers(request_lang) -> list[tuple]:
    """The routes of the room; they read :class:`RoomService` from the setting ``algca_room``."""
    import tornado.iostream
    import tornado.web

    from toolkit.workshop.lessons import is_loopback

    class Base(tornado.web.RequestHandler):
        @property
        def room(self) -> RoomService:
            return self.settings["algca_room"]

        def check_xsrf_cookie(self):
            # a page of another site cannot post here: the device cookie is SameSite=Lax (not
            # sent on a cross-site POST) and a browser's Origin must be this server's address
            origin = self.request.headers.get("Origin")
            if origin and origin != "null" and urlsplit(origin).netloc != self.request.host:
                raise tornado.web.HTTPError(403)

        def lang(self) -> str:
            return request_lang(self)

        def token(self, create: bool = False) -> str | None:
            raw = self.get_cookie(DEVICE_COOKIE)
            if raw and 20 <= len(raw) <= 64 and raw.replace("-", "").replace("_", "").isalnum():
                return raw
            if not create:
                return None
            raw = secrets.token_urlsafe(24)
            self.set_cookie(
                DEVICE_COOKIE, raw, expires_days=60, httponly=True, samesite="Lax", path="/room"
            )
            return raw

        def actor(self, create: bool = False) -> str | None:
            token = self.token(create)
            return actor_hash(token) if token else None

        def is_trainer(self) -> bool:
            if self.settings.get("algca_room_loopback_trainer", True) and is_loopback(
                self.request.remote_ip or ""
            ):
                return True
            key = self.settings.get("algca_trainer_key") or ""
            raw = self.get_cookie(TRAINER_COOKIE) or ""
            return bool(key and raw) and secrets.compare_digest(raw, _key_mark(key))

        def page(self, template: str, status: int = 200, **values) -> None:
            self.set_status(status)
            self.set_header("Cache-Control", "no-store")
            self.set_header("Content-Type", "text/html; charset=utf-8")
            values.setdefault("title", texts(self.lang())["room"])
            values.setdefault("limits", LIMITS)
            values.setdefault("last_event", self.room.state.last_id)
            self.finish(render(template, self.lang(), **values))

        def message(self, title: str, body: str = "", status: int = 200, **values) -> None:
            self.page(
                "message.html", status, title=title, body=body, page="", **values, kind="error"
            )

        def damaged(self) -> bool:
            """The room is closed because its record is damaged: say so (and how to go on)."""
            if self.room.open:
                return False
            t = texts(self.lang())
            self.message(t["damaged_title"], self.room.damaged, 503, fresh=self.is_trainer())
            return True

        def forbidden(self) -> None:
            t = texts(self.lang())
            self.message(t["trainer_only"], "", 403, back="/room/")

        def labels(self) -> dict:
            from toolkit.gallery import SERVICE_AREAS, service_label

            lang, t = self.lang(), texts(self.lang())
            out = {s: service_label(s, lang) for s in SERVICE_AREAS}
            out.update({f"remark:{k}": t[k] for k in ("agree", "question", "addition")})
            return out

        def address(self) -> str:
            host = self.request.host
            name = host.rsplit(":", 1)[0].strip("[]")
            if is_loopback(name) or name == "localhost":
                public = self.settings.get("algca_public_url")
                if public:
                    return public.rstrip("/") + "/room/"
            return f"{self.request.protocol}://{host}/room/"

    class PhoneHandler(Base):
        """The phone's home: the join page, then the wall."""

        def get(self):
            if self.damaged():
                return
            actor = self.actor()
            state = self.room.state
            me = state.participants.get(actor) if actor else None
            if me is None:
                self.token(create=True)
                self.page("join.html", me={}, page="")
                return
            from toolkit.gallery import SERVICE_AREAS

            vote = state.current_vote
            cards = list(reversed(state.wall()))
            self.page(
                "wall.html",
                me=me,
                actor=actor,
                cards=cards,
                my_cards=[c for c in cards if c.actor == actor],
                remarks=list(state.remarks.values()),
                services=list(SERVICE_AREAS),
                vote=vote,
                vote_id=vote.vote_id if vote else "",
                vote_status=vote.status if vote else "",
                labels=self.labels(),
                page="wall",
            )

    class JoinHandler(Base):
        def get(self):
            if self.damaged():
                return
            actor = self.actor(create=True)
            self.page("join.html", me=self.room.state.participants.get(actor, {}), page="")

    class VoteHandler(Base):
        def get(self):
            if self.damaged():
                return
            actor = self.actor()
            if not actor or actor not in self.room.state.participants:
                self.redirect("/room/")
                return
            vote = self.room.state.current_vote
            mine = vote.ballots.get(actor) if vote else None
            self.page(
                "vote.html",
                vote=vote,
                mine=mine,
                mine_lines=_ballot_lines(vote, mine, texts(self.lang())) if mine else [],
                vote_id=vote.vote_id if vote else "",
                vote_status=vote.status if vote else "",
                page="vote",
            )

    class ActHandler(Base):
        """Every action: a form's POST (answered by a redirect) or JSON (answered in JSON)."""

        def wants_json(self) -> bool:
            return "json" in self.request.headers.get("Content-Type", "") or "json" in (
                self.request.headers.get("Accept", "")
            )

        def fields(self) -> dict:
            if "json" in self.request.headers.get("Content-Type", ""):
                try:
                    data = json.loads(self.request.body or b"{}")
                except ValueError:
                    data = None
                if not isinstance(data, dict):
                    raise ToolkitError(_("The request is not in the right form."))
                return data
            args = {
                k: [v.decode("utf-8", "replace") for v in vs]
                for k, vs in self.request.body_arguments.items()
            }
            return {"_form": args, **{k: v[-1] for k, v in args.items()}}

        def post(self):
            t = texts(self.lang())
            try:
                if not self.room.open:
                    raise ToolkitError(self.room.damaged)
                data = self.fields()
                kind = str(data.get("kind", ""))
                trainer = self.is_trainer()
                actor = "trainer" if kind in TRAINER_KINDS and trainer else self.actor(create=True)
                if kind in TRAINER_KINDS and not trainer:
                    self.reply_error(t["trainer_only"], 403)
                    return
                if (
                    kind in DESTRUCTIVE
                    and data.get("confirm") not in ("yes", True)
                    and not self.wants_json()
                ):
                    self.confirm(kind, data)
                    return
                payload = self.payload(kind, data, actor)
                ev = self.room.act(actor, kind, payload, trainer=trainer)
            except ToolkitError as err:
                self.reply_error(err.message, 400)
                return
            if self.wants_json():
                self.set_header("Cache-Control", "no-store")
                self.finish({"ok": True, "id": ev["id"]})
                return
            self.redirect(_local(data.get("next")), status=303)

        def payload(self, kind: str, data: dict, actor: str) -> dict:
            form = data.pop("_form", None)
            if kind == "ballot.cast" and form is not None:
                vote_id = _int_or(data.get("vote"))
                vote = self.room.state.votes.get(vote_id) if vote_id is not None else None
                if vote is None:
                    raise ToolkitError(_("There is no such vote."))
                data["ballot"] = ballot_from_form(vote.method, form)
            if kind == "vote.open" and form is not None:
                items = []
                if data.get("from_wall"):
                    items += [
                        {"id": f"card-{c.card_id}", "label": c.text}
                        for c in self.room.state.wall()
                        if all(s.get("passed", True) for s in c.screening.values())
                    ]
                items += [
                    {"id": f"item-{n}", "label": line}
                    for n, line in enumerate(_lines(data.get("items", "")), start=1)
                ]
                data["items"] = items
                criteria = []
                for n, line in enumerate(_lines(data.get("criteria", "")), start=1):
                    label, _sep, weight = line.partition(";")
                    try:
                        w = float(weight.strip().replace(",", ".")) if weight.strip() else 1.0
                    except ValueError:
                        raise ToolkitError(
                            _("The weight of «{criterion}» should be a number.").format(
                                criterion=label.strip()
                            )
                        ) from None
                    criteria.append({"id": f"c{n}", "label": label.strip(), "weight": w})
                data["criteria"] = criteria
            return {k: v for k, v in data.items() if k not in ("kind", "next", "confirm")}

        def confirm(self, kind: str, data: dict) -> None:
            data.pop("_form", None)
            fields = [(k, v) for k, v in data.items() if k != "confirm"]
            self.page(
                "confirm.html", kind=kind, fields=fields, back=_local(data.get("next")), page=""
            )

        def reply_error(self, message: str, status: int) -> None:
            if self.wants_json():
                self.set_status(status)
                self.set_header("Cache-Control", "no-store")
                self.finish({"ok": False, "error": message})
                return
            t = texts(self.lang())
            self.message(t["error_title"], message, status, back="/room/")

    class EventsHandler(Base):
        """Server-Sent Events: every event carries its id; ``Last-Event-ID`` catches up."""

        async def get(self):
            self.set_header("Content-Type", "text/event-stream; charset=utf-8")
            self.set_header("Cache-Control", "no-store")
            self.set_header("X-Accel-Buffering", "no")
            after = self.request.headers.get("Last-Event-ID") or self.get_argument("after", "0")
            after = _int_or(after) or 0
            room = self.room
            queue = room.listen()
            self._queue = queue
            try:
                self.write("retry: 2000\n\n")
                for ev in room.events(after):
                    self.write(_sse(room.public(ev)))
                await self.flush()
                while not self.request.connection.stream.closed():
                    try:
                        message = await asyncio.wait_for(queue.get(), HEARTBEAT)
                    except asyncio.TimeoutError:
                        self.write(": heartbeat\n\n")
                    else:
                        self.write(_sse(message))
                        while not queue.empty():
                            self.write(_sse(queue.get_nowait()))
                    await self.flush()
            except tornado.iostream.StreamClosedError:
                pass
            finally:
                room.leave(queue)

        def on_connection_close(self):
            queue = getattr(self, "_queue", None)
            if queue is not None:
                self.room.leave(queue)
                queue.put_nowait({"id": 0, "kind": "closed"})

    class ScreenHandler(Base):
        """The projector's pages: join screen, live wall, vote."""

        def get(self, which=""):
            if self.damaged():
                return
            state = self.room.state
            vote = state.current_vote
            common = {"body_class": "projector", "address": self.address()}
            if which == "wall":
                by = self.get_argument("by", "service")
                by = by if by in ("service", "village") else "service"
                groups: dict[str, list] = {}
                for card in state.wall():
                    groups.setdefault(getattr(card, by) or "—", []).append(card)
                labels = self.labels()
                self.page(
                    "screen_wall.html",
                    groups=[
                        (k, labels.get(k, k) if by == "service" else k, v)
                        for k, v in groups.items()
                    ],
                    remarks=list(state.remarks.values()),
                    actor=None,
                    group_by=by,
                    labels=labels,
                    page="screen-wall",
                    **common,
                )
            elif which == "vote":
                t = texts(self.lang())
                self.page(
                    "screen_vote.html",
                    vote=vote,
                    results=_results(vote, state.participants, self.lang())
                    if vote and vote.status == "revealed"
                    else None,
                    group_names={g: _group_name(g, self.lang()) for g in GROUP_NAMES},
                    group_value=lambda g, v: _group_value(g, v, t),
                    vote_id=vote.vote_id if vote else "",
                    vote_status=vote.status if vote else "",
                    page="screen-vote",
                    **common,
                )
            else:
                self.page(
                    "screen_join.html",
                    qr=qr_svg(self.address()),
                    n_participants=len(state.participants),
                    page="screen-join",
                    **common,
                )

    class TrainerHandler(Base):
        def get(self):
            key = self.get_argument("key", None)
            own = self.settings.get("algca_trainer_key") or ""
            if key and own and secrets.compare_digest(key, own):
                self.set_cookie(
                    TRAINER_COOKIE,
                    _key_mark(own),
                    httponly=True,
                    samesite="Strict",
                    path="/room",
                    expires_days=2,
                )
                self.redirect("/room/trainer")
                return
            if not self.is_trainer():
                self.forbidden()
                return
            if self.damaged():
                return
            state = self.room.state
            vote = state.current_vote
            t = texts(self.lang())
            undone = undone_ids(self.room.events())
            history = [
                {**ev, "undone": ev["id"] in undone}
                for ev in reversed(self.room.events())
                if ev["kind"] in TRAINER_KINDS
            ][:30]
            wall_items = [c for c in state.wall()]
            base = (
                self.settings.get("algca_public_url")
                or f"{self.request.protocol}://{self.request.host}"
            )
            key_url = f"{base.rstrip('/')}/room/trainer?key={own}"
            from toolkit.voting import suggested_dots

            self.page(
                "trainer.html",
                vote=vote,
                results=_results(vote, state.participants, self.lang()) if vote else None,
                group_names={g: _group_name(g, self.lang()) for g in GROUP_NAMES},
                group_value=lambda g, v: _group_value(g, v, t),
                all_cards=list(state.cards.values()),
                wall_items=wall_items,
                suggested_budget=suggested_dots(max(1, len(wall_items))),
                methods=METHODS,
                history=history,
                key_qr=qr_svg(key_url, scale=6),
                key_url=key_url,
                page="trainer",
                vote_id=vote.vote_id if vote else "",
                vote_status=vote.status if vote else "",
            )

    class FreshHandler(Base):
        def post(self):
            if not self.is_trainer():
                self.forbidden()
                return
            try:
                self.room.start_fresh()
            except ToolkitError as err:
                self.message(texts(self.lang())["error_title"], err.message, 400, back="/room/")
                return
            self.redirect("/room/trainer", status=303)

    class ExportHandler(Base):
        def get(self, what, fmt):
            if not self.is_trainer():
                self.forbidden()
                return
            if self.damaged():
                return
            data, mime = export.export(self.room.state, what, fmt, self.lang())
            self.set_header("Content-Type", mime)
            self.set_header("Content-Disposition", f'attachment; filename="room-{what}.{fmt}"')
            self.set_header("Cache-Control", "no-store")
            self.finish(data)

    class QRHandler(Base):
        def get(self):
            self.set_header("Content-Type", "image/svg+xml")
            self.finish(qr_svg(self.address()))

    return [
        (r"/room/?", PhoneHandler),
        (r"/room/join", JoinHandler),
        (r"/room/vote", VoteHandler),
        (r"/room/act", ActHandler),
        (r"/room/events", EventsHandler),
        (r"/room/screen/?(wall|vote)?", ScreenHandler),
        (r"/room/trainer", TrainerHandler),
        (r"/room/trainer/fresh", FreshHandler),
        (r"/room/export/(cards|remarks|ballots|results)\.(csv|xlsx)", ExportHandler),
        (r"/room/qr\.svg", QRHandler),
        (r"/room/static/(.*)", tornado.web.StaticFileHandler, {"path": str(STATIC_DIR)}),
    ]


def _results(vote, participants, lang: str):
    """The vote's results with the sentences of :mod:`toolkit.voting` in the page's language."""
    from toolkit.i18n import get_language, set_language

    before = get_language()
    set_language(lang)
    try:
        return results(vote, participants)
    finally:
        set_language(before)


def _key_mark(key: str) -> str:
    """What the trainer's cookie holds: a hash of the trainer key (never the key)."""
    return hashlib.sha256(("algca-room-trainer:" + key).encode()).hexdigest()


def _int_or(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _local(path) -> str:
    """A path of the room to go back to (never another site).

    >>> _local("/room/vote"), _local("https://evil.example/"), _local("//evil")
    ('/room/vote', '/room/', '/room/')
    """
    path = str(path or "")
    return path if path.startswith("/room") and not path.startswith("//") else "/room/"


def _sse(message: dict) -> str:
    return f"id: {message['id']}\ndata: {json.dumps(message, ensure_ascii=False)}\n\n"


def _group_name(group: str, lang: str) -> str:
    from toolkit.i18n import catalog

    return catalog("room", lang).get(GROUP_NAMES[group]) or GROUP_NAMES[group]


def _group_value(group: str, value: str, t: dict) -> str:
    if group == "gender" and value in ("woman", "man"):
        return t[value]
    if value == "all":
        return t["everyone"]
    return value


def _ballot_lines(vote, ballot, t: dict) -> list[str]:
    if vote.method == "dots":
        return [f"{vote.label(i)}: {n}" for i, n in ballot.items()]
    if vote.method == "approval":
        return [vote.label(i) for i in ballot]
    if vote.method == "rank":
        return [f"{n}. {vote.label(i)}" for n, i in enumerate(ballot, start=1)]
    return [
        f"{c['label']} — {vote.label(i)}: {ballot[c['id']][i]}"
        for c in vote.criteria
        for i in vote.item_ids
    ]
