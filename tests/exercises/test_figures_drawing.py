"""How exercises/figures.py draws what a pose asks for (props, arrows, squeezes, tucks, insets),
and the poses it refuses, in words staff can act on."""

import math
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from exercises import figures
from exercises.content import shipped_figures
from tests.exercises.shipped import figure_of
from tests.factories import ExerciseFactory


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


@pytest.mark.parametrize(
    ("slug", "key"),
    [
        ("sit-to-stand", "middle"),  # its arrows ask which stills are shown
        ("buttock-squeezes", "hold"),  # its small view asks how the body lies
        ("hip-bridge", "start"),
    ],
)
@pytest.mark.parametrize("pose", ["lying down", ["start"], 3])
def test_a_pose_that_is_not_an_object_is_refused_in_words_not_a_crash(slug, key, pose):
    figure = {**shipped_figures()[slug], key: pose}
    with pytest.raises(figures.FigureError, match=f"The {key} pose must be an object"):
        figures.check_figure(figure)


def test_an_arrow_can_show_the_way_into_the_hold_on_the_hold_s_still():
    figure = shipped_figures()["clamshell"]
    props = [
        {**prop, "on": "hold"} if prop["kind"] == "arrow" else prop for prop in figure["props"]
    ]
    arrows = figures.draw({**figure, "props": props}).arrows
    assert FIGURE_ARROW in arrows["hold"]
    assert FIGURE_ARROW not in arrows["start"]
    # With no middle pose there is no middle still to draw one on.
    wrong = [{**prop, "on": "middle"} if prop["kind"] == "arrow" else prop for prop in props]
    with pytest.raises(figures.FigureError, match="“on” must be one of: start, hold"):
        figures.check_figure({**figure, "props": wrong})


def test_with_a_middle_pose_each_arrow_shows_the_way_on_to_the_next_still():
    """Sit to stand: on the sitting still the head leans forward (and goes no higher); on the
    leaning one it rises to standing. One arrow over the whole way drew a V."""
    figure = shipped_figures()["sit-to-stand"]
    movement = figures.frames(figure)
    by_still = {still: way for still, way, _ in figures.arrow_paths(figure, movement)}
    assert set(by_still) == {"start", "middle"}
    lean, rise = by_still["start"], by_still["middle"]
    assert lean[-1][0] < lean[0][0] - 0.1 * figures.H, "forward (the body faces -x)"
    assert lean[-1][1] <= lean[0][1], "and not up"
    assert rise[0] == lean[-1], "the second way starts where the first ends"
    assert rise[-1][1] > rise[0][1] + 0.2 * figures.H, "up to standing"
    arrows = figures.draw(figure).arrows
    assert FIGURE_ARROW in arrows["start"]
    assert FIGURE_ARROW in arrows["middle"]
    assert FIGURE_ARROW not in arrows["hold"]


@pytest.mark.parametrize("slug", sorted(shipped_figures()))
def test_every_figure_marks_how_its_body_moves(slug):
    """The blind checks asked of sit to stand, the squat and the hourly break which way to go:
    every figure has an arrow, or, for a muscle that tightens without moving, a squeeze or a
    tuck mark."""
    marks = {prop["kind"] for prop in shipped_figures()[slug].get("props", [])}
    assert marks & {"arrow", "squeeze", "tuck"}, f"{slug} shows no way to move"


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


def test_a_ghost_outlines_the_start_s_moved_legs_on_the_hold_s_still_only():
    """Knees that tip over or open read by where they came from (seen from the head, the blind
    checks could not tell how far the twist's knees went): the hold's still also draws the
    start's legs that move, as one pale outlined shape, just before the first of them in the
    painter's order, so the legs in front of it stay in front."""
    figure = figure_of("double-hip-rotation")
    assert figure["ghost"] is True
    camera = figures.Camera(**figure["camera"])
    start = {part.name: part for part in figures.keyframe_parts(figure)["start"]}
    ghost_fill = f'<path fill="{figures.FILL["ghost"]}" d="'
    plain = figures.draw({**figure, "ghost": False}).stills
    stills = figures.draw(figure).stills
    assert ghost_fill not in stills["start"]
    assert ghost_fill not in plain["hold"]
    assert stills["start"] == plain["start"]
    shapes = re.findall(re.escape(ghost_fill) + '([^"]+)"', stills["hold"])
    thighs = [
        figures.capsule_path(*figures.flat(camera, start[f"{side}_thigh"]))
        for side in ("left", "right")
    ]
    assert set(thighs) <= set(shapes), "the knees are outlined where they stood"
    torso = figures.capsule_path(*figures.flat(camera, start["trunk"]))
    assert torso not in shapes, "only the legs, not the body that stays put"
    ghost = re.compile(r'<path fill="(none|' + figures.FILL["ghost"] + ')"[^>]*/>')
    before, after = ghost.split(stills["hold"], maxsplit=1)[0], ghost.sub("", stills["hold"])
    assert after == plain["hold"], "the hold itself is drawn as it is without the ghost"
    held = {part.name: part for part in figures.keyframe_parts(figure)["hold"]}
    first_leg = min(
        plain["hold"].rindex(
            "<path", 0, plain["hold"].index(figures.capsule_path(*figures.flat(camera, held[name])))
        )
        for name in figures.LEG_PARTS
    )
    assert len(before) == first_leg, "the ghost goes just before the first leg drawn"


def test_a_ghost_with_no_leg_that_moves_draws_nothing_and_is_true_or_false():
    figure = figure_of("buttock-squeezes")
    assert figures.draw({**figure, "ghost": True}).stills == figures.draw(figure).stills
    with pytest.raises(figures.FigureError, match="true or false"):
        figures.check_figure({**figure, "ghost": "yes"})


def test_the_words_under_a_ghosted_figure_say_what_the_outline_is():
    figure = figure_of("double-hip-rotation")
    with translation.override("en"):
        assert figures.stills_caption(figure, has_hold=True).endswith(
            "The pale outline shows where the legs were at the start."
        )
        assert "outline" not in figures.stills_caption({**figure, "ghost": False}, has_hold=True)
    with translation.override("es"):
        assert figures.stills_caption(figure, has_hold=True).endswith(
            "El contorno claro muestra dónde estaban las piernas al empezar."
        )


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
    side and the back foot turned in, inside the still's own viewport. The review found small
    capsules hard to read: each foot is a footprint (a sole and its toes), the front foot's
    sole alone over 0.13 of the still's width (the capsule, toes and all, was 0.09)."""
    figure = figure_of("warrior-two")
    drawing = figures.draw(figure)
    assert set(drawing.insets) == {"start", "hold"}
    for key, inset in drawing.insets.items():
        box_inside(inset, drawing.view_box)
        feet = re.findall(r'<path fill="([^"]+)" d="M([-\d.]+) ([-\d.]+)', inset)
        assert len(feet) == 4, "each foot and its toes"
        assert figures.FILL["work"] in {fill for fill, _, _ in feet}
        sole = re.search(rf'<path fill="{figures.FILL["work"]}" d="([^"]+)"', inset).group(1)
        xs = [float(x) for x in re.findall(r"[MC ]([-\d.]+) [-\d.]+", sole)]
        assert max(xs) - min(xs) > 0.13 * drawing.view_box[2], "the front foot's print, large"
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
    """Side-on, one leg crossed over the other can be a tangle, and where the crossed knee goes
    (out to the side, or up toward the chest) does not show: with the legs inset (staff's to
    choose; the shipped reclined pigeon shows its legs from above instead), each still
    has a small box with the body seen from its feet, where the reclined pigeon's crossed (left,
    orange) shin lies across the other leg's upright shin, the number 4, inside the still's own
    viewport."""
    figure = {**figure_of("reclined-pigeon"), "inset": "legs"}
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


def test_the_legs_from_above_show_the_crossed_leg_as_a_4_beside_the_body():
    """Seen from the head, the reclined pigeon's crossed legs were a tangle in every blind round
    (rated 2 in 26 readings); with the legs seen from straight above, head at the top, it was
    rated 3, 3, 2 and 2: the crossed (left, orange) thigh goes out to the side and its shin
    comes back across, in a box a third of the still's width, inside the still's own viewport."""
    figure = figure_of("reclined-pigeon")
    assert figure["inset"] == "legs-above"
    drawing = figures.draw(figure)
    assert set(drawing.insets) == {"start", "hold"}
    keyed = figures.keyframe_parts(figure)
    above = figures.from_above(keyed["start"])
    for key, inset in drawing.insets.items():
        _, _, width, _ = box_inside(inset, drawing.view_box)
        assert width == pytest.approx(0.32 * drawing.view_box[2], abs=0.2)
        assert figures.FILL["work"] in inset
        assert inset.count("<path") == len(["trunk", "pelvis", *figures.LEG_PARTS])
        parts = {part.name: part for part in keyed[key]}
        trunk = [above.project(point) for point in (parts["trunk"].a, parts["trunk"].b)]
        assert trunk[1][1] < trunk[0][1], f"{key}: the head is at the top"
        hip, knee, ankle = (
            above.project(point)
            for point in (parts["left_thigh"].a, parts["left_thigh"].b, parts["left_shank"].b)
        )
        out = knee[0] - hip[0]
        assert abs(out) > 0.5 * figures.THIGH, f"{key}: the crossed knee goes out to the side"
        assert (ankle[0] - knee[0]) * out < 0, f"{key}: its shin comes back across"


def test_the_feet_from_above_point_where_the_feet_point():
    """Warrior II from above, the viewer's side at the bottom: the front (left) foot's toes lie
    to the right of its heel (turned out), the back foot's toes below its heel (toward the
    viewer), and the front foot is the one on the right. Each print starts at its heel and its
    toes at the big toe."""
    figure = figure_of("warrior-two")
    roles = dict.fromkeys(figures.FOOT_PARTS, "near")
    insets, _ = figures.feet_from_above(figures.keyframe_parts(figure), roles, (200, 0), 300)
    for inset in insets.values():
        starts = [tuple(map(float, m)) for m in re.findall(r'd="M([-\d.]+) ([-\d.]+)', inset)]
        shapes = dict(zip(figures.FOOT_PARTS, starts, strict=True))
        assert shapes["left_toes"][0] > shapes["left_foot"][0] + 5
        assert shapes["right_toes"][1] > shapes["right_foot"][1] + 5
        assert shapes["left_foot"][0] > shapes["right_toes"][0]


def test_warrior_two_keeps_its_front_foot_forward_and_its_back_foot_turned_out():
    """The review asked for the obvious: from above, the front foot points forward along the
    stance (to the right, within 10°) and the back foot is turned out from it, toward the
    viewer, its toes a little in toward the front foot (heel to toes, 2° to 20° off straight at
    the viewer), the same in the start and the hold (the feet stay where they are as the knee
    bends), and the big toes on the inner sides."""
    above = figures.Camera(pitch=90)
    ways = {}
    for key, parts in figures.keyframe_parts(figure_of("warrior-two")).items():
        by_name = {part.name: part for part in parts}
        for side in ("left", "right"):
            foot = figures.footprint(by_name, side, above)
            heel, big_toe = foot["sole"][0], foot["toes"][0]
            little_toe = foot["toes"][-1]
            toes = [sum(toe[i] for toe in foot["toes"]) / len(foot["toes"]) for i in (0, 1)]
            ways[key, side] = math.degrees(math.atan2(toes[1] - heel[1], toes[0] - heel[0]))
            if side == "left":
                assert big_toe[1] > little_toe[1], "the front foot's big toe toward the viewer"
            else:
                assert big_toe[0] > little_toe[0], "the back foot's big toe toward the front"
    for key in ("start", "hold"):
        assert abs(ways[key, "left"]) < 10, ways
        assert 70 < ways[key, "right"] < 88, ways
    assert abs(ways["start", "left"] - ways["hold", "left"]) < 3, ways
    assert abs(ways["start", "right"] - ways["hold", "right"]) < 3, ways


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


def test_the_buttocks_from_behind_are_loose_at_the_start_and_squeezed_on_the_hold():
    """Two round balls alike in both insets read as abstract: on the hold's, the buttocks are
    narrower, nearer each other and drawn with the cleft between them; below the small of the
    back (the trunk cut short), so the box reads as a body seen from behind."""
    figure = figure_of("buttock-squeezes")
    keyed = figures.keyframe_parts(figure)
    start, hold = (
        {
            part.name: part
            for part in figures.from_behind_parts(
                figures.with_buttocks(keyed[key]), squeeze=key == "hold"
            )
        }
        for key in ("start", "hold")
    )

    def middle(part: figures.Part) -> figures.Vec:
        return figures.scale(figures.add(part.a, part.b), 0.5)

    def apart(parts: dict) -> float:
        return figures.length(
            figures.sub(middle(parts["left_buttock"]), middle(parts["right_buttock"]))
        )

    assert apart(hold) < apart(start) - 0.02 * figures.H, "pressed together"
    for side in ("left", "right"):
        loose, squeezed = start[f"{side}_buttock"], hold[f"{side}_buttock"]
        assert squeezed.ra < loose.ra, "narrower"
        assert figures.length(figures.sub(squeezed.a, squeezed.b)) > 0.02 * figures.H
        assert loose.a == loose.b, "round"
    trunk = next(part for part in keyed["start"] if part.name == "trunk")
    full = figures.length(figures.sub(trunk.b, trunk.a))
    for parts in (start, hold):
        assert figures.length(figures.sub(parts["trunk"].b, parts["trunk"].a)) < 0.5 * full
    insets = figures.draw(figure).insets
    cleft = f'stroke="{figures.FILL["face"]}"'
    assert cleft in insets["hold"]
    assert cleft not in insets["start"]


def test_the_floor_runs_under_a_counter_beside_the_body():
    """A cupboard past the end of the floor reads as floating."""
    props = figures.draw(figure_of("standing-hip-flexor-stretch")).props

    def across(fill: str) -> tuple[float, float]:
        points = re.search(rf'<polygon fill="{fill}" points="([^"]+)"', props).group(1)
        xs = [float(point.split(",")[0]) for point in points.split()]
        return min(xs), max(xs)

    floor, cupboard = across(figures.FILL["floor"]), across(figures.FILL["prop-light"])
    assert floor[0] <= cupboard[0]
    assert cupboard[1] <= floor[1]


def inside(point, flat_part) -> bool:
    """Whether a point on screen lies within a part's outline (a tapered capsule)."""
    x1, y1, r1, x2, y2, r2 = flat_part
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((point[0] - x1) * dx + (point[1] - y1) * dy) / (dx * dx + dy * dy or 1)))
    gap = math.hypot(point[0] - (x1 + t * dx), point[1] - (y1 + t * dy))
    return gap <= r1 + t * (r2 - r1)


@pytest.mark.parametrize("slug", ["standing-hip-abduction", "warrior-two", "clamshell"])
def test_seen_from_the_front_each_arm_grows_out_of_the_body_not_beside_it(slug):
    """The shoulders' joint centres sit wider than the trunk: a blind review read an arm
    starting beside the body as an extra limb. The body has shoulders as wide as them."""
    figure = figure_of(slug)
    camera = figures.Camera(**figure.get("camera", {}))
    parts = figures.keyframe_parts(figure)["start"]
    body = [figures.flat(camera, part) for part in parts if not part.side and part.name != "head"]
    for side in ("left", "right"):
        upper_arm = next(part for part in parts if part.name == f"{side}_upper_arm")
        shoulder = camera.project(upper_arm.a)
        assert any(inside(shoulder, part) for part in body), side


LYING_ON_A_MAT = [
    "double-hip-rotation",
    "clamshell",
    "single-leg-bridge",
    "side-lying-leg-lift",
    "hip-bridge",
    "reclined-pigeon",
]


@pytest.mark.parametrize("slug", LYING_ON_A_MAT)
def test_a_mat_under_a_lying_body_reads_as_a_floor_to_lie_on(slug):
    """Seen square-on from a little above, the mat's top was a rectangle, one colour down to its
    edge: the blind checks read it as a block the body sank into. Turned a little, its top is a
    slanted shape, lighter than the darker edge below it, and lighter than the far limbs."""
    figure = figure_of(slug)
    camera = figures.Camera(**figure["camera"])
    assert camera.pitch > 10
    mat = next(
        box for box in figures.props_for(figure, figures.extent_of(figure)) if box.name == "mat"
    )
    corners = figures.box_top(camera, mat)
    sides = [
        (b[0] - a[0], b[1] - a[1]) for a, b in zip(corners, corners[1:] + corners[:1], strict=True)
    ]
    assert all(abs(dx) > 1 and abs(dy) > 1 for dx, dy in sides), (
        "a side of the top is level or upright"
    )
    props = figures.draw(figure).props
    edge = f'<polygon fill="{figures.FILL["prop"]}"'
    top = f'<polygon fill="{figures.FILL["mat"]}"'
    assert edge in props
    assert props.index(edge) < props.index(top)

    def lightness(colour):
        return sum(int(colour[i : i + 2], 16) for i in (1, 3, 5))

    assert lightness(figures.FILL["mat"]) > lightness(figures.FILL["far"]) + 150


@pytest.mark.parametrize(
    ("slug", "inset", "english", "spanish"),
    [
        ("warrior-two", "feet", "Feet, from above", "Pies, desde arriba"),
        ("buttock-squeezes", "buttocks", "Buttocks, from below", "Glúteos, desde abajo"),
        ("reclined-pigeon", "legs", "Legs, from the feet", "Piernas, desde los pies"),
        ("reclined-pigeon", "legs-above", "Legs, from above", "Piernas, desde arriba"),
    ],
)
def test_a_small_view_says_what_it_shows_above_its_box_in_the_page_s_language(
    slug, inset, english, spanish
):
    """Unnamed, and still when named "From behind", the buttocks' small view read as a second
    person standing; unnamed, the feet seen from above read as a box of shapes."""
    figure = {**figure_of(slug), "inset": inset}
    drawing = figures.draw(figure)
    for language, words in (("en", english), ("es", spanish)):
        with translation.override(language):
            stills, _ = figures.render(
                figure, slug=slug, name="", description="", each_side=True, has_hold=True
            )
        labels = re.findall(r'<text x="[-\d.]+" y="([-\d.]+)" font-size="9"[^>]*>([^<]+)<', stills)
        assert [words for _, words in labels] == [words] * len(drawing.insets)
        for (y, _), view in zip(labels, drawing.insets.values(), strict=True):
            _, top, _, _ = box_inside(view, drawing.view_box)
            assert drawing.view_box[1] < float(y) < top  # above the box, inside the still
