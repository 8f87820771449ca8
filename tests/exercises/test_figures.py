"""The exercise figures (exercises/figures.py): one body model, every exercise's poses checked,
and how exercises store and show them."""

import gzip
import math
import re
from html import escape

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.template.loader import render_to_string

from exercises import figures
from exercises.content import exercise_content, shipped_figures
from exercises.models import Exercise
from tests.factories import ExerciseFactory

ENTRIES = {entry["slug"]: entry for entry in exercise_content()}
SLUGS = list(ENTRIES)
SIDE_WORD = re.compile(r"\b(left|right)\b", re.IGNORECASE)
FIGURE_LIMIT = 12 * 1024


def figure_of(slug: str) -> dict:
    return ENTRIES[slug]["figure"]


def test_every_shipped_exercise_has_a_figure():
    assert [slug for slug, entry in ENTRIES.items() if "figure" not in entry] == []


@pytest.mark.django_db
def test_every_published_exercise_shows_a_figure_or_a_photo(demo_content):
    for exercise in Exercise.objects.published():
        assert exercise.photo or exercise.figure_stills, f"{exercise.slug} shows no picture"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_joint_angle_is_one_a_body_makes(slug):
    figures.check_figure(figure_of(slug))


@pytest.mark.parametrize("slug", SLUGS)
def test_body_parts_keep_their_length_through_the_whole_movement(slug):
    movement = figures.frames(figure_of(slug))
    first = {part.name: figures.length(figures.sub(part.b, part.a)) for part in movement[0]}
    for side in ("left", "right"):
        for segment, expected in figures.SEGMENT_LENGTHS.items():
            assert first[f"{side}_{segment}"] == pytest.approx(expected)
    for parts in movement[1:]:
        for part in parts:
            assert figures.length(figures.sub(part.b, part.a)) == pytest.approx(first[part.name])


@pytest.mark.parametrize("slug", SLUGS)
def test_what_the_pose_says_rests_on_something_touches_it_and_nothing_sinks(slug):
    figure = figure_of(slug)
    boxes = figures.props_for(figure, figures.extent_of(figure))
    for key, parts in figures.keyframe_parts(figure).items():
        by_name = {part.name: part for part in parts}
        pose = figure[key]
        for part, surface in pose["rests"].items():
            # Every piece of what rests: an arm lying on the mat lies there hand and all, and a
            # hand on a chair or the floor touches it (hands on hips: the touches below).
            for piece in figures.contact_parts(part, by_name):
                gap = min(figures.gap(piece, box) for box in boxes if box.name == surface)
                assert abs(gap) <= figures.TOUCH, f"{key}: {piece.name} is {gap:.1f} from {surface}"
        for first, second in pose.get("touches", {}).items():
            gap = figures.touch_gap(first, second, by_name)
            assert abs(gap) <= figures.TOUCH, f"{key}: {first} is {gap:.1f} from {second}"
        for part in parts:
            for box in boxes:
                gap = figures.gap(part, box)
                assert gap >= -figures.TOUCH, f"{key}: {part.name} sinks {-gap:.1f} into {box.name}"


@pytest.mark.parametrize("slug", [slug for slug in SLUGS if figure_of(slug).get("planted")])
def test_what_is_planted_stays_put_in_every_frame(slug):
    """A foot planted on the floor (a knee on a cushion, the head on the mat) does not slide
    between the keyframes or on the way from one to the next."""
    figure = figure_of(slug)
    movement = figures.frames(figure)
    for name in figure["planted"]:
        first = figures.contact_point(name, {part.name: part for part in movement[0]})
        for index, parts in enumerate(movement[1:], start=1):
            here = figures.contact_point(name, {part.name: part for part in parts})
            assert figures.length(figures.sub(here, first)) <= figures.TOUCH, (
                f"{slug}: the {name} moves {figures.length(figures.sub(here, first)):.1f} "
                f"by frame {index}"
            )


def test_a_planted_part_must_rest_on_something_in_every_pose():
    figure = shipped_figures()["hip-bridge"]
    sliding = {**figure, "planted": ["left_hand"]}
    with pytest.raises(figures.FigureError, match="Left hand is planted, so the start pose"):
        figures.check_figure(sliding)


@pytest.mark.parametrize("slug", SLUGS)
def test_feet_show_heel_and_toes(slug):
    """A foot is a heel and a row of toes across it, so its direction shows from any side."""
    for parts in figures.keyframe_parts(figure_of(slug)).values():
        by_name = {part.name: part for part in parts}
        for side in ("left", "right"):
            foot, toes = by_name[f"{side}_foot"], by_name[f"{side}_toes"]
            heel_to_toes = figures.length(figures.sub(toes.a, foot.a))
            assert heel_to_toes == pytest.approx(0.152 * figures.H * 0.75, rel=0.15)
            assert figures.length(figures.sub(toes.b, toes.a)) > 0.025 * figures.H


@pytest.mark.parametrize("slug", SLUGS)
def test_the_stills_are_labelled_by_what_each_keyframe_is(slug):
    entry, figure = ENTRIES[slug], figure_of(slug)
    labels = figures.panel_labels(figure, has_hold="hold_seconds" in entry)
    stills, _ = figures.render(
        figure,
        slug=slug,
        name=entry["name"],
        description=entry["illustration_alt"],
        each_side=entry["each_side"],
        has_hold="hold_seconds" in entry,
    )
    assert re.findall(r">([^<>]+)</text>", stills) == list(labels.values())
    if "Hold" in labels.values():
        assert entry.get("hold_seconds"), f"{slug}: a still says Hold, the exercise holds nothing"


def test_the_walk_is_labelled_walking_not_holding():
    labels = figures.panel_labels(figure_of("daily-walk"), has_hold=True)
    assert "Hold" not in labels.values()


@pytest.mark.parametrize("slug", SLUGS)
def test_props_agree_with_the_view(slug):
    """A chair seen from the front is drawn from the front: its back spans the picture's width
    when the figure faces the viewer, and is a thin post when the figure is seen side-on.
    A chair only held by a standing figure facing the viewer may stand side-on beside it: its
    back seen from the front at eye level reads as a bar stool, its profile as a chair."""
    figure = figure_of(slug)
    on_the_chair = {
        part
        for key in figures.KEYFRAMES
        if key in figure
        for part, surface in figure[key]["rests"].items()
        if surface == "chair"
    }
    only_held = bool(on_the_chair) and all(part.endswith("_hand") for part in on_the_chair)
    for prop in figure.get("props", []):
        if prop["kind"] != "chair":
            continue
        front = figure["start"].get("body", {}).get("front", "left")
        facing = prop.get("facing", "right")
        side_on = {front, facing} <= {"left", "right"}
        face_on = {front, facing} <= {"toward", "away"}
        held_beside = only_held and front == "toward" and facing in {"left", "right"}
        assert side_on or face_on or held_beside, (
            f"{slug}: the chair faces {facing}, the figure {front}"
        )


@pytest.mark.parametrize("slug", SLUGS)
def test_the_picture_and_the_words_name_the_same_side(slug):
    entry, figure = ENTRIES[slug], figure_of(slug)
    figure.get("working", "none")
    words = " ".join([entry["starting_position"], *entry["steps"], entry["illustration_alt"]])
    named = {word.lower() for word in SIDE_WORD.findall(words)}
    if entry["each_side"]:
        # The timer starts with the left side; the figure shows that side first.
        assert figures.side_shown(figure) == "left", f"{slug}: an each-side figure shows the left"
        assert named <= {"left"}, f"{slug}: the words name {named}, the figure the left"
        assert "left" in figures.side_sentence(figure, each_side=True)
    else:
        assert figures.side_shown(figure) is None, f"{slug} is done with both sides at once"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_working_limb_is_drawn_in_the_accent_colour(slug):
    figure = figure_of(slug)
    drawing = figures.draw(figure)
    working = figure.get("working", "none")
    accent = figures.FILL["work"] in drawing.stills["hold"]
    assert accent == (working != "none")


@pytest.mark.parametrize("slug", SLUGS)
def test_each_figure_says_the_position_in_words_and_stays_light(slug):
    entry = ENTRIES[slug]
    stills, live = figures.render(
        figure_of(slug),
        slug=slug,
        name=entry["name"],
        description=entry["illustration_alt"],
        each_side=entry["each_side"],
        has_hold="hold_seconds" in entry,
    )
    for svg in (stills, live):
        assert re.search(r"<title id=\"[^\"]+\">[^<]*" + re.escape(entry["name"]), svg)
        desc = re.search(r"<desc id=\"[^\"]+\">([^<]+)</desc>", svg).group(1)
        assert escape(entry["illustration_alt"].split(".")[0]) in desc
        assert "<script" not in svg, "no script inside the SVG"
        assert "style=" not in svg
    assert "<text" in stills
    size = len(gzip.compress((stills + live).encode(), compresslevel=9))
    assert size < FIGURE_LIMIT, f"{slug}: {size} bytes compressed"


def test_a_pose_a_body_cannot_make_is_refused_in_words_staff_can_act_on():
    figure = shipped_figures()["hip-bridge"]
    bent_back = {**figure, "hold": {**figure["hold"], "joints": {"left_knee": -20}}}
    with pytest.raises(figures.FigureError, match="left knee flexion of -20° is outside"):
        figures.check_figure(bent_back)

    unknown = {**figure, "hold": {**figure["hold"], "joints": {"left_wing": 20}}}
    with pytest.raises(figures.FigureError, match="“left_wing” is not a joint we know"):
        figures.check_figure(unknown)

    leaning = {**figure, "hold": {**figure["hold"], "body": {"lean": 10}}}
    with pytest.raises(figures.FigureError, match="body takes head, front, at, tilt and roll"):
        figures.check_figure(leaning)

    no_chair = {**figure, "hold": {**figure["hold"], "rests": {"pelvis": "chair"}}}
    with pytest.raises(figures.FigureError, match="rests on “chair”, which is not in the picture"):
        figures.check_figure(no_chair)


def test_a_stair_handrail_rises_toward_its_far_end_and_a_hand_can_rest_on_the_slope():
    figure = shipped_figures()["step-up"]
    rail = next(prop for prop in figure["props"] if prop["kind"] == "rail")
    bar, *posts = (
        box for box in figures.props_for(figure, ((-60, 60), (-30, 30))) if box.name == "rail"
    )
    low_end, high_end = sorted(posts, key=lambda post: post.high[1])
    assert high_end.high[1] - low_end.high[1] > 0.6 * rail["rise"]
    assert high_end.low[0] < low_end.low[0], "higher toward -x, over the step"
    camera = figures.Camera()
    outline = figures.box_outline(camera, bar)
    top_at = {x: min(py for px, py in outline if px == x) for x, _ in outline}
    assert top_at[min(top_at)] < top_at[max(top_at)] - 10, "drawn sloping (screen y is down)"
    held = {part.name: part for part in figures.keyframe_parts(figure)["start"]}
    assert abs(figures.contact_gap("left_hand", "rail", [bar], held)) <= figures.TOUCH

    steep = {**figure, "props": [{**rail, "rise": "high"}]}
    with pytest.raises(figures.FigureError, match="“rise” is how much higher"):
        figures.check_figure(steep)


def test_staff_see_the_problem_next_to_the_figure_field():
    exercise = ExerciseFactory.build()
    exercise.figure = {**exercise.figure, "start": {"rests": {"tail": "floor"}}}
    with pytest.raises(ValidationError) as error:
        exercise.clean_fields()
    assert "“tail” is not a body part" in error.value.message_dict["figure"][0]


@pytest.mark.django_db
def test_the_figure_is_drawn_when_saved_and_a_photo_takes_its_place(demo_content):
    exercise = Exercise.objects.get(slug="clamshell")
    assert exercise.figure_stills, exercise.figure_live
    assert (exercise.figure_stills, exercise.figure_live) == figures.render_for(exercise)

    exercise.illustration_alt = "Lying on the side, knees bent."
    exercise.save(update_fields=["illustration_alt"])
    exercise.refresh_from_db()
    assert "Lying on the side, knees bent." in exercise.figure_stills

    card = render_to_string("exercises/includes/card.html", {"exercise": exercise})
    assert "figure-stills" in card
    exercise.photo.name = "exercises/clamshell.jpg"
    card = render_to_string("exercises/includes/card.html", {"exercise": exercise})
    assert 'src="/media/exercises/clamshell.jpg"' in card
    assert "figure-stills" not in card


BEFORE_FIGURES = [("exercises", "0004_exercise_review_due_help")]
FIGURES = [("exercises", "0005_figures")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_gives_each_drawing_s_exercise_its_figure():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_FIGURES)
    try:
        old = executor.loader.project_state(BEFORE_FIGURES).apps

        def make(**fields):
            model = old.get_model("exercises", "Exercise")
            return model.objects.create(kind="strengthen", position="lying_back", **fields)

        bridge = make(slug="hip-bridge", illustration="exercises/illustrations/hip-bridge.svg")
        # Staff made their own exercise and chose the clamshell's drawing for it.
        own = make(slug="side-lying-lift", illustration="exercises/illustrations/clamshell.svg")
        photo_only = make(slug="our-photo", photo="exercises/ours.jpg")

        executor = MigrationExecutor(connection)
        executor.migrate(FIGURES)
        new = executor.loader.project_state(FIGURES).apps.get_model("exercises", "Exercise")
        assert new.objects.get(pk=bridge.pk).figure == shipped_figures()["hip-bridge"]
        own_now = new.objects.get(pk=own.pk)
        assert own_now.figure == shipped_figures()["clamshell"]
        assert "Start" in own_now.figure_stills
        assert "data-frames" in own_now.figure_live
        assert new.objects.get(pk=photo_only.pk).figure == {}
        assert new.objects.get(pk=photo_only.pk).photo == "exercises/ours.jpg"

        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE_FIGURES)
        back = old.get_model("exercises", "Exercise").objects
        assert back.get(pk=own.pk).illustration == "exercises/illustrations/clamshell.svg"
    finally:
        MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db
def test_the_words_under_the_stills_name_them_in_order(demo_content):
    page = render_to_string(
        "exercises/includes/figure.html",
        {"exercise": Exercise.objects.get(slug="hourly-movement-break")},
    )
    assert "Left to right: Sit, Stand up, Walk about." in page
    clamshell = Exercise.objects.get(slug="clamshell")
    assert clamshell.figure_stills_caption == "Left: how to start. Right: the position to hold."


@pytest.mark.parametrize("slug", SLUGS)
def test_a_head_or_back_lying_still_does_not_slide_between_keyframes(slug):
    """Lying down, only what moves in the exercise moves: the head and the top of the back that
    rest on the same thing in every keyframe stay where they are."""
    figure = figure_of(slug)
    keyed = figures.keyframe_parts(figure)
    for name in ("head", "shoulders"):
        surfaces = {figure[key]["rests"].get(name) for key in keyed}
        if None in surfaces or len(surfaces) > 1:
            continue
        points = [
            figures.contact_point(name, {part.name: part for part in parts})
            for parts in keyed.values()
        ]
        moved = max(figures.length(figures.sub(point, points[0])) for point in points)
        assert moved <= 2 * figures.TOUCH, f"{slug}: the {name} slides {moved:.1f}"


@pytest.mark.parametrize("slug", SLUGS)
def test_no_limb_looks_much_longer_in_one_still_than_in_another(slug):
    """Seen from one camera, a thigh or arm that is short in one still and long in the next
    reads as a different body: foreshortening stays within a ratio of 2."""
    figure = figure_of(slug)
    camera = figures.Camera(**figure.get("camera", {}))
    seen: dict[str, list[float]] = {}
    for parts in figures.keyframe_parts(figure).values():
        for part in parts:
            if part.limb:
                a, b = camera.project(part.a), camera.project(part.b)
                seen.setdefault(part.name, []).append(math.hypot(a[0] - b[0], a[1] - b[1]))
    for name, lengths in seen.items():
        if name.endswith(("_thigh", "_shank", "_upper_arm", "_forearm")):
            ratio = max(lengths) / max(min(lengths), 0.01)
            assert ratio <= 2, f"{slug}: the {name} looks {ratio:.1f} times longer in one still"


@pytest.mark.parametrize("slug", SLUGS)
def test_the_face_shows_which_way_it_points_at_the_start(slug):
    """Seen side-on the nose sticks out past the head; turned to the viewer the face shows two
    eyes, darker, side by side on the head; either way the still shows where the person faces."""
    figure = figure_of(slug)
    camera = figures.Camera(**figure.get("camera", {}))
    by_name = {part.name: part for part in figures.keyframe_parts(figure)["start"]}
    head, nose = camera.project(by_name["head"].a), camera.project(by_name["nose"].b)
    beyond = math.hypot(nose[0] - head[0], nose[1] - head[1]) > figures.HEAD_RADIUS
    still = figures.draw(figure).stills["start"]
    eyes = re.findall(
        rf'<path fill="{figures.FILL["face"]}" d="M([-\d.]+) ([-\d.]+)a([\d.]+)', still
    )
    on_the_face = len(eyes) == 2 and all(
        math.hypot(float(x) + float(r) - head[0], float(y) - head[1]) < figures.HEAD_RADIUS
        for x, y, r in eyes
    )
    apart = len(eyes) == 2 and math.dist(
        [float(v) for v in eyes[0][:2]], [float(v) for v in eyes[1][:2]]
    ) > 2 * float(eyes[0][2])
    assert beyond or (on_the_face and apart), f"{slug}: the face shows no nose, nor two eyes"


def test_the_double_hip_rotation_shows_knees_up_then_tipped_to_one_side():
    """Seen from its camera, the start's bent knees stand above the hips, one either side of
    their middle; in the hold both are well off to the same side. A camera that draws the
    bent knees flat makes the start look as if they had already dropped."""
    figure = figure_of("double-hip-rotation")
    camera = figures.Camera(**figure.get("camera", {}))
    sideways = {}
    for keyframe, parts in figures.keyframe_parts(figure).items():
        by_name = {part.name: part for part in parts}
        hips = [camera.project(by_name[f"{side}_thigh"].a) for side in ("left", "right")]
        middle_x, middle_y = (hips[0][0] + hips[1][0]) / 2, (hips[0][1] + hips[1][1]) / 2
        knees = [camera.project(by_name[f"{side}_thigh"].b) for side in ("left", "right")]
        sideways[keyframe] = [knee[0] - middle_x for knee in knees]
        if keyframe == "start":
            assert all(knee[1] < middle_y - 0.3 * figures.THIGH for knee in knees)
    assert sideways["start"][0] * sideways["start"][1] < 0, sideways
    left, right = sideways["hold"]
    assert left * right > 0, sideways
    assert min(abs(left), abs(right)) > 0.35 * figures.THIGH, sideways


def test_an_arrow_can_show_the_way_into_the_hold_on_the_hold_s_still():
    figure = shipped_figures()["clamshell"]
    props = [
        {**prop, "on": "hold"} if prop["kind"] == "arrow" else prop for prop in figure["props"]
    ]
    arrows = figures.draw({**figure, "props": props}).arrows
    assert FIGURE_ARROW in arrows["hold"]
    assert FIGURE_ARROW not in arrows["start"]
    wrong = [{**prop, "on": "middle"} if prop["kind"] == "arrow" else prop for prop in props]
    with pytest.raises(figures.FigureError, match="start’s still or the hold’s"):
        figures.check_figure({**figure, "props": wrong})


FIGURE_ARROW = f'stroke="{figures.FILL["arrow"]}"'


def test_a_squeeze_that_moves_nothing_is_drawn_on_the_hold_still_only():
    """Buttock squeezes move no joint, so the hold still has to say what happens: the pelvis
    in the working colour and short strokes fanning out above it (no arrowheads: arrows
    pointing in read as pressing the legs together), on the hold panel alone."""
    figure = figure_of("buttock-squeezes")
    drawing = figures.draw(figure)
    assert drawing.squeezes.count("<path") == 3
    assert "<polygon" not in drawing.squeezes
    pelvis = next(p for p in figures.keyframe_parts(figure)["hold"] if p.name == "pelvis")
    centre = figures.Camera(**figure["camera"]).project(pelvis.a)[:2]
    strokes = [
        [tuple(map(float, point.split())) for point in d.lstrip("M").split("L")]
        for d in re.findall(r' d="([^"]+)"', drawing.squeezes)
    ]
    for inner, outer in strokes:
        assert outer[1] < inner[1] < centre[1], "each stroke above the buttocks"
        assert math.dist(inner, centre) > pelvis.ra, "clear of the buttocks"
        assert math.dist(outer, centre) > math.dist(inner, centre), "fanning out, not in"
    assert figures.FILL["work"] in drawing.stills["start"]
    stills, _ = figures.render(
        figure, slug="s", name="n", description="d", each_side=False, has_hold=True
    )
    start_panel, hold_panel = stills.split('<svg aria-hidden="true"')[1:]
    assert drawing.squeezes not in start_panel
    assert drawing.squeezes in hold_panel


def test_a_stretched_arrow_is_drawn_longer_along_the_same_way():
    figure = figure_of("standing-hip-flexor-stretch")
    arrow = next(prop for prop in figure["props"] if prop["kind"] == "arrow")
    plain = {**figure, "props": [{**arrow, "stretch": 1}]}
    movement = figures.frames(figure)
    (_, short, _), (_, long, _) = (figures.arrow_paths(f, movement)[0] for f in (plain, figure))
    way = figures.sub(short[-1], short[0])
    assert figures.sub(long[-1], long[0]) == pytest.approx(figures.scale(way, arrow["stretch"]))


@pytest.mark.parametrize(
    ("prop", "long_axis"),
    [({"kind": "counter"}, 0), ({"kind": "rail"}, 2), ({"kind": "rail", "along": "x"}, 0)],
)
def test_a_counter_and_a_rail_stand_the_way_the_view_needs(prop, long_axis):
    boxes = figures.props_for({"props": [{**prop, "at": [0, -30]}]}, ((-50, 50), (-20, 20)))
    top = max((box for box in boxes if box.name == prop["kind"]), key=lambda box: box.high[1])
    sizes = [high - low for low, high in zip(top.low, top.high, strict=True)]
    assert sizes.index(max(sizes)) == long_axis


def test_the_buttocks_that_work_are_drawn_over_the_near_thigh():
    """Lying on the back and seen from the side, the near thigh would hide the pelvis: when the
    buttocks do the work, they are painted after the thighs."""
    figure = figure_of("buttock-squeezes")
    camera = figures.Camera(**figure["camera"])
    parts = {part.name: part for part in figures.keyframe_parts(figure)["hold"]}
    pelvis, thigh = (
        figures.capsule_path(*figures.flat(camera, parts[name]))
        for name in ("pelvis", "left_thigh")
    )
    for working, pelvis_last in (("buttocks", True), ("none", False)):
        hold = figures.draw({**figure, "working": working}).stills["hold"]
        assert (hold.index(pelvis) > hold.index(thigh)) == pelvis_last


def test_a_tuck_is_a_curved_arrow_round_the_front_of_the_pelvis_turning_it_up():
    """A pelvic tuck tilts the pelvis too little to see, so the hold still draws it: an arrow
    round the front of the pelvis from below it to above it, on the hold panel alone."""
    standing = figure_of("standing-hip-flexor-stretch")  # seen side-on, facing left
    figure = {**standing, "props": [*standing["props"], {"kind": "tuck", "follows": "pelvis"}]}
    drawing = figures.draw(figure)
    assert drawing.tucks.count("<polygon") == 1
    assert figures.draw(standing).tucks == "", "no tuck unless the figure asks for one"
    stills, _ = figures.render(
        figure, slug="s", name="n", description="d", each_side=True, has_hold=True
    )
    start_panel, hold_panel = stills.split('<svg aria-hidden="true"')[1:]
    assert drawing.tucks in hold_panel
    assert drawing.tucks not in start_panel

    pelvis = next(p for p in figures.keyframe_parts(figure)["hold"] if p.name == "pelvis")
    x, y, _ = figures.Camera().project(pelvis.a)
    way = figures.tuck_path((x, y, 0), pelvis.ra, figures.Camera().project((-1, 0, 0)))
    assert way[0][1] > y > way[-1][1], "from below the pelvis to above it"
    assert all(px < x for px, _ in way), "round its front (the figure faces left)"
    facing_right = figures.tuck_path((x, y, 0), pelvis.ra, (1, 0, 0))
    assert all(px > x for px, _ in facing_right)
    assert facing_right[0][1] > y > facing_right[-1][1]


def test_a_tuck_must_say_what_it_marks():
    figure = figure_of("standing-hip-flexor-stretch")
    with pytest.raises(figures.FigureError, match="a squeeze or a tuck marks one"):
        figures.check_figure({**figure, "props": [{"kind": "tuck"}]})


def box_inside(inset: str, view_box: tuple[float, float, float, float]) -> tuple[float, ...]:
    """An inset's framed box (left, top, width, height), checked to lie inside the still."""
    box = re.search(r'<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"', inset)
    left, top, width, height = map(float, box.groups())
    x, y, w, h = view_box
    assert x <= left
    assert left + width <= x + w
    assert y <= top
    assert top + height <= y + h
    return left, top, width, height


def test_an_inset_shows_the_feet_from_above_inside_each_still():
    """Seen from the front, a foot's direction does not show: Warrior II's stills each have a
    small box with the feet seen from above, the front (left, orange) foot turned out to the
    side and the back foot turned in, inside the still's own viewport."""
    figure = figure_of("warrior-two")
    drawing = figures.draw(figure)
    assert set(drawing.insets) == {"start", "hold"}
    for key, inset in drawing.insets.items():
        box_inside(inset, drawing.view_box)
        feet = re.findall(r'<path fill="([^"]+)" d="M([-\d.]+) ([-\d.]+)', inset)
        assert len(feet) == 4, "each foot and its toes"
        assert figures.FILL["work"] in {fill for fill, _, _ in feet}
        assert (
            drawing.insets[key]
            in figures.render(
                figure, slug="w", name="n", description="d", each_side=True, has_hold=True
            )[0]
        )
    plain = figures.draw({key: value for key, value in figure.items() if key != "inset"})
    assert plain.insets == {}
    with pytest.raises(figures.FigureError, match="“inset” can only be “feet”"):
        figures.check_figure({**figure, "inset": "hands"})
    with pytest.raises(figures.FigureError, match="for a body lying on its back"):
        figures.check_figure({**figure, "inset": "legs"})


def test_the_legs_from_the_feet_show_the_crossed_shin_across_the_upright_one():
    """Side-on, the reclined pigeon's crossed legs are a tangle: each still has a small box
    with the body seen from its feet, where the crossed (left, orange) shin lies across the
    other leg's upright shin, the number 4, inside the still's own viewport."""
    figure = figure_of("reclined-pigeon")
    drawing = figures.draw(figure)
    assert set(drawing.insets) == {"start", "hold"}
    for inset in drawing.insets.values():
        box_inside(inset, drawing.view_box)
        assert figures.FILL["work"] in inset
        assert inset.count("<path") == len(["head", "neck", "trunk", "pelvis", *figures.LEG_PARTS])
    start = figures.keyframe_parts(figure)["start"]
    parts, camera = {part.name: part for part in start}, figures.from_the_feet(start)

    def slope(name: str) -> float:
        a, b = camera.project(parts[name].a), camera.project(parts[name].b)
        return abs(b[1] - a[1]) / max(abs(b[0] - a[0]), 0.01)

    assert slope("left_shank") < 0.5, "the crossed shin lies across"
    assert slope("right_shank") > 2, "the other shin stands upright"


def test_the_feet_from_above_point_where_the_feet_point():
    """Warrior II from above, the viewer's side at the bottom: the front (left) foot's toes lie
    to the right of its heel (turned out), the back foot's toes below its heel (toward the
    viewer), and the front foot is the one on the right."""
    figure = figure_of("warrior-two")
    roles = dict.fromkeys(figures.FOOT_PARTS, "near")
    insets, _ = figures.feet_from_above(figures.keyframe_parts(figure), roles, (200, 0), 300)
    for inset in insets.values():
        starts = [tuple(map(float, m)) for m in re.findall(r'd="M([-\d.]+) ([-\d.]+)', inset)]
        shapes = dict(zip(figures.FOOT_PARTS, starts, strict=True))
        assert shapes["left_toes"][0] > shapes["left_foot"][0] + 5
        assert shapes["right_toes"][1] > shapes["right_foot"][1] + 5
        assert shapes["left_foot"][0] > shapes["right_toes"][0]


def test_the_low_lunge_starts_standing_and_lowers_the_back_knee_onto_the_towel():
    """The low lunge and the kneeling hip flexor stretch end alike, half-kneeling: the lunge
    starts on its feet, and in its hold the back knee rests on the folded towel, the towel
    under it (not beside it)."""
    figure = figure_of("low-lunge")
    assert set(figure["start"]["rests"]) <= {
        f"{side}_{p}" for side in ("left", "right") for p in ("heel", "toes")
    }
    assert figure["hold"]["rests"]["right_knee"] == "cushion"
    assert "left_knee" in figure_of("hip-flexor-stretch")["start"]["rests"], "kneels from the start"
    boxes = figures.props_for(figure, figures.extent_of(figure))
    (towel,) = [box for box in boxes if box.name == "cushion"]
    held = {part.name: part for part in figures.keyframe_parts(figure)["hold"]}
    knee = figures.contact_point("right_knee", held)
    assert towel.low[0] < knee[0] < towel.high[0]
    assert towel.low[2] < knee[2] < towel.high[2]


def test_the_kneeling_stretch_moves_the_hips_forward_between_a_planted_knee_and_foot():
    """The kneeling hip flexor stretch moves little, so the stills must show it: with the back
    knee and the front foot where they were, the hips go forward, the kneeling thigh slants
    back from upright and the front knee comes forward over the foot."""
    figure = figure_of("hip-flexor-stretch")
    assert set(figure["planted"]) == {"left_knee", "right_heel"}
    keyed = figures.keyframe_parts(figure)
    start, hold = ({part.name: part for part in keyed[key]} for key in ("start", "hold"))
    forward = figures.DIRECTIONS[figure["start"]["body"]["front"]]

    def ahead(name: str) -> float:
        way = figures.sub(figures.contact_point(name, hold), figures.contact_point(name, start))
        return figures.dot(way, forward)

    assert ahead("pelvis") > 0.06 * figures.H
    assert ahead("right_knee") > 0.06 * figures.H

    def slant(parts: dict) -> float:
        thigh = parts["left_thigh"]
        down = figures.sub(thigh.b, thigh.a)
        return math.degrees(math.atan2(-figures.dot(down, forward), -down[1]))

    assert abs(slant(start)) < 5, "upright at the start"
    assert slant(hold) > 15, "the knee behind the hip in the hold"


def test_the_buttocks_that_work_are_drawn_behind_the_hips_not_round_them():
    """The pelvis is a ball round the hip joints: in orange it read as the side of the hip.
    Working buttocks are two balls of their own behind the hips (under a body lying on its
    back), in orange, and the pelvis keeps the body's colour."""
    figure = figure_of("buttock-squeezes")
    drawing = figures.draw(figure)
    camera = figures.Camera(**figure["camera"])
    held = {
        part.name: part for part in figures.with_buttocks(figures.keyframe_parts(figure)["hold"])
    }
    hips = figures.scale(figures.add(held["pelvis"].a, held["pelvis"].b), 0.5)
    for side in ("left", "right"):
        buttock = held[f"{side}_buttock"]
        assert buttock.a[1] < hips[1] - 0.02 * figures.H, "behind the hips, toward the bed"
        path = figures.capsule_path(*figures.flat(camera, buttock))
        assert f'<path fill="{figures.FILL["work"]}" d="{path}"/>' in drawing.stills["hold"]
    pelvis = figures.capsule_path(*figures.flat(camera, held["pelvis"]))
    assert f'<path fill="{figures.FILL["body"]}" d="{pelvis}"/>' in drawing.stills["hold"]
    assert "_buttock" not in "".join(p.name for p in figures.frames(figure)[0]), "drawn only"


def test_the_buttocks_from_behind_are_pressed_together_by_arrows_on_the_hold_s_inset():
    """Side-on, the buttocks lie under the body: each still of the buttock squeezes has a small
    box with them seen from behind (the head at the top), in orange, and on the hold's, an
    arrow on either side pointing in at them, inside the still's own viewport."""
    figure = figure_of("buttock-squeezes")
    drawing = figures.draw(figure)
    assert set(drawing.insets) == {"start", "hold"}
    for key, inset in drawing.insets.items():
        left, _, width, _ = box_inside(inset, drawing.view_box)
        assert inset.count(f'fill="{figures.FILL["work"]}"') == 2, "two buttocks"
        heads = re.findall(r'<polygon fill="[^"]+" points="([^"]+)"', inset)
        assert len(heads) == (2 if key == "hold" else 0)
        lines = [
            [tuple(map(float, point.split())) for point in d.lstrip("M").split("L")]
            for d in re.findall(r'stroke-linecap="round" d="([^"]+)"', inset)
        ]
        for (ax, ay), (bx, by) in lines:
            assert ay == pytest.approx(by), "level, across the buttocks"
            assert abs(bx - (left + width / 2)) < abs(ax - (left + width / 2)), "pointing in"
            assert left <= min(ax, bx)
            assert max(ax, bx) <= left + width
    standing = figure_of("standing-hip-flexor-stretch")
    with pytest.raises(figures.FigureError, match="buttocks inset is for a body lying"):
        figures.check_figure({**standing, "inset": "buttocks"})
