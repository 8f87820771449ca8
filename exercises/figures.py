"""Exercise figures: one human body model, posed from data, drawn as SVG.

Segment lengths are fractions of body height H from Winter's anthropometric table (D. A. Winter,
*Biomechanics and Motor Control of Human Movement*, 4th ed., Wiley 2009, fig. 4.1, after
Drillis and Contini): thigh (hip to knee) 0.245H, shank (knee to ankle) 0.246H, ankle height
0.039H, foot length 0.152H, upper arm 0.186H, forearm 0.146H, hand 0.108H, hip to shoulder
0.288H (0.818H - 0.530H), shoulder to top of head 0.182H, shoulder width 0.259H.

A pose is a root (the pelvis: where the head and the front point, a forward tilt, a place on
the floor) and joint angles in degrees, turned into 3D points by forward kinematics and seen
through an orthographic camera. Body parts are tapered capsules (round at both ends, so joints
are round); the trunk's width follows the way it faces the camera. The root's height is not
given: the pose is lowered until the lowest of the parts it says rest on something touches it.

Joint angles: `[flex, abduct, rotate]` for hips and shoulders (flexion forward, abduction out
to the side, rotation outward), `[flex, side, twist]` for the spine and neck (bending forward,
bending to the left, turning to the left), one number for knees and elbows (flexion) and ankles
(toes up). Normal ranges follow the AAOS's *Joint Motion: Method of Measuring and Recording*
(1965), widened a little where a stretch goes to its end.

A figure (Exercise.figure, and each exercise's [exercise.figure] in content/exercises.toml):
    camera        {yaw, pitch} in degrees; none is a plain side view
    props         [{kind = "mat" | "chair" | "cushion" | "rail" | "wall" | "counter", at = [x, z],
                  ...}] (a counter stands behind the figure, its worktop's near edge at z; a
                  rail's bar runs toward the viewer, or across the view with along = "x",
                  where `rise` lifts its end toward -x that much, like a stair's handrail);
                  a chair's `facing` is where a sitter would face: "left"/"right" for a figure
                  seen side-on, "toward"/"away" for one seen from the front; an arrow
                  {kind = "arrow", follows = body part, offset = [x, y, z]} draws that part's way
                  from the start to the hold on the first still; with `on = "hold"`, its way
                  into the hold (from the middle pose, if there is one) on the hold's still;
                  with a middle still (a middle pose with a label), one on the start or
                  `on = "middle"` shows the way on to the next still
                  (`stretch` = 2 draws it twice as long, for a small move); {kind = "squeeze",
                  follows = body part} draws short strokes fanning out from that part on the
                  hold still, for a muscle that tightens without moving; {kind = "tuck",
                  follows = "pelvis"} draws a curved arrow round its front on the hold still,
                  the front turning up: a pelvic tuck, too small a tilt to see
    planted       body parts that stay where they are at the start (feet on the floor, a knee
                  on a cushion, the shoulders on a mat): every keyframe and in-between is moved
                  so they do not slide
    working       "left leg", "left arm", "left side", "both legs", "buttocks" (two balls drawn
                  behind the hips, where they are) or "none": drawn in orange
    near          "left" or "right": the side drawn darker, for a body seen from its feet or
                  its front, where neither side is clearly nearer (by default the nearer side)
    side          "left" when the whole body works to one side (the timer starts on the left)
    inset         "feet": each still also shows the feet from above, as footprints, in its
                  top right corner, for a stance whose feet point different ways (seen from
                  the front, a foot's direction does not show); "legs": the pelvis and legs of
                  a body lying on its back, seen from its feet, for one leg crossed over the other;
                  "legs-above": its trunk and legs seen from straight above, where a leg
                  crossed over the other knee makes the number 4;
                  "buttocks": the buttocks of a body lying on its back, seen from behind (from
                  under the bed) below the small of the back: round and loose on the start's,
                  on the hold's narrower and pressed together, the cleft between them, and
                  arrows pressing them in
    ghost         true: the hold's still also shows the legs where they were at the start, as
                  one pale outlined shape, for a movement seen end-on (knees that tip or open)
    move_seconds  how long getting into the hold takes (the timer waits that long to count)
    start, hold (and optionally middle), each:
        body      {head, front: "up" | "down" | "left" | "right" | "toward" | "away",
                   at = [x, z], tilt, roll}
        joints    {left_hip = [flex, abduct, rotate], left_knee = flex, spine = [...], ...}
        rests     {body part = surface}, e.g. {left_knee = "mat", right_toes = "mat"}
        touches   {body part = body part}, e.g. {left_hand = "pelvis"} (hands on hips)
        label     what the still shows, e.g. "Sit" or "Walk" (default "Start", and "Hold" or
                  "Then"); a middle pose with a label is shown as a still of its own
Each exercise done on both sides is drawn on the left; figure.js mirrors it for the right.
"""

import dataclasses
import functools
import itertools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

from django.utils.translation import get_language, gettext, pgettext

H = 160.0  # body height in drawing units (1 unit is about 1 px of a card at 1x)

THIGH = 0.245 * H
SHANK = 0.246 * H
UPPER_ARM = 0.186 * H
FOREARM = 0.146 * H
HAND = 0.108 * H * 0.8  # fingers loosely curled
TRUNK = 0.288 * H
HEAD_AND_NECK = 0.182 * H
SHOULDER_HALF = 0.259 * H / 2 * 0.88  # joint centres sit inside the shoulders' outer edge
HIP_HALF = 0.055 * H
ANKLE_HEIGHT = 0.039 * H
HEAD_RADIUS = 0.062 * H

SEGMENT_LENGTHS = {
    "thigh": THIGH,
    "shank": SHANK,
    "upper_arm": UPPER_ARM,
    "forearm": FOREARM,
}

# name: (lowest, highest) for each degree of freedom.
JOINT_RANGES = {
    "spine": ((-30, 90), (-35, 35), (-45, 45)),
    "neck": ((-60, 60), (-45, 45), (-80, 80)),
    "shoulder": ((-60, 180), (-30, 180), (-90, 90)),
    "elbow": ((0, 150),),
    "hip": ((-30, 130), (-30, 50), (-45, 90)),
    "knee": ((0, 150),),
    "ankle": ((-50, 30),),
}
SIDED = {"shoulder", "elbow", "hip", "knee", "ankle"}
JOINTS = [
    "spine",
    "neck",
    *(
        f"{side}_{joint}"
        for joint in ("shoulder", "elbow", "hip", "knee", "ankle")
        for side in ("left", "right")
    ),
]
DIRECTIONS = {
    "left": (-1.0, 0.0, 0.0),
    "right": (1.0, 0.0, 0.0),
    "up": (0.0, 1.0, 0.0),
    "down": (0.0, -1.0, 0.0),
    "toward": (0.0, 0.0, 1.0),
    "away": (0.0, 0.0, -1.0),
}
SURFACES = {"floor", "mat", "chair", "cushion", "rail", "wall", "counter"}
MARKS = {"arrow", "squeeze", "tuck"}  # props drawn on the body, each following a part
PROPS = (SURFACES - {"floor"}) | MARKS
LABEL_LENGTH = 24
WORKING = {"left leg", "left arm", "both legs", "left side", "buttocks", "none"}
KEYFRAMES = ("start", "middle", "hold")
MAT_THICKNESS = 0.02 * H  # thicker than a real mat, so its edge shows it is a top to lie on
TOUCH = 2.0  # how close (drawing units) a resting part must be to what it rests on

# Colours by role: the near and far side, the working limb, the props.
FILL = {
    "near": "#1f5f6b",
    "far": "#86aab1",
    "body": "#2f7682",
    "face": "#174a53",
    "work": "#b4562a",
    "work-far": "#e2a582",
    "floor": "#c9d6d9",
    "mat": "#e6dfd0",
    "prop": "#8a9ba0",
    "prop-light": "#d3dee0",
    "prop-side": "#a9bcc0",
    "arrow": "#3d4f53",
    "ghost": "#f4f1ea",
    "ghost-edge": "#5b6d70",
}


class FigureError(ValueError):
    """A pose staff can fix: the message names the keyframe and joint."""


# Vectors and rotations ---------------------------------------------------------------------

Vec = tuple[float, float, float]
Mat = tuple[Vec, Vec, Vec]  # rows


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def cross(a: Vec, b: Vec) -> Vec:
    return (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])


def length(a: Vec) -> float:
    return math.sqrt(dot(a, a))


def matmul(a: Mat, b: Mat) -> Mat:
    columns = list(zip(*b, strict=True))
    return tuple(tuple(dot(row, column) for column in columns) for row in a)


def apply(m: Mat, v: Vec) -> Vec:
    return (dot(m[0], v), dot(m[1], v), dot(m[2], v))


def rot_x(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((1, 0, 0), (0, c, -s), (0, s, c))


def rot_y(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, 0, s), (0, 1, 0), (-s, 0, c))


def rot_z(degrees: float) -> Mat:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return ((c, -s, 0), (s, c, 0), (0, 0, 1))


def limb_rotation(flex: float, abduct: float, rotate: float, side: float) -> Mat:
    """A hip or shoulder: flexion swings the limb forward, abduction out, rotation outward."""
    return matmul(matmul(rot_x(-flex), rot_z(side * abduct)), rot_y(side * rotate))


def spine_rotation(flex: float, side_bend: float, twist: float) -> Mat:
    return matmul(matmul(rot_x(flex), rot_z(-side_bend)), rot_y(twist))


def root_rotation(head: str, front: str, tilt: float, roll: float) -> Mat:
    """The pelvis: head and front along two of DIRECTIONS, then tilted forward (or back, when
    negative) and rolled to the left about the body's long axis."""
    up, forward = DIRECTIONS[head], DIRECTIONS[front]
    left = cross(up, forward)
    columns = (left, up, forward)
    base = tuple(tuple(column[row] for column in columns) for row in range(3))
    return matmul(matmul(base, rot_x(tilt)), rot_y(roll))


# Poses -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """One body part: a tapered capsule from `a` to `b` (3D points), or a ball when a == b."""

    name: str
    a: Vec
    b: Vec
    ra: float
    rb: float
    side: str  # "left", "right" or "" for the trunk and head
    limb: str  # "leg", "arm" or ""
    # For the trunk and pelvis: the cross-section's half-width and half-depth axes.
    width_axis: Vec | None = None
    depth_axis: Vec | None = None
    depth_ratio: float = 1.0


def place(thing: dict) -> tuple[float, float]:
    """Where a body or prop stands on the floor: `at = [x, z]` (z toward the viewer)."""
    at = [*map(float, thing.get("at", [0, 0])), 0.0]
    return at[0], at[1]


def angles(joints: dict, name: str) -> tuple[float, float, float]:
    value = joints.get(name, 0)
    values = [value] if isinstance(value, int | float) else list(value)
    return tuple([*map(float, values), 0.0, 0.0, 0.0][:3])


def body_parts(pose: dict, root_y: float = 0.0) -> list[Part]:
    """Forward kinematics: the pose's parts in world space, the pelvis at (x, root_y, z)."""
    body = pose.get("body", {})
    joints = pose.get("joints", {})
    x, z = place(body)
    pelvis = (x, root_y, z)
    r_pelvis = root_rotation(
        body.get("head", "up"), body.get("front", "left"), body.get("tilt", 0), body.get("roll", 0)
    )
    r_trunk = matmul(r_pelvis, spine_rotation(*angles(joints, "spine")))
    neck_base = add(pelvis, apply(r_trunk, (0, TRUNK, 0)))
    r_head = matmul(r_trunk, spine_rotation(*angles(joints, "neck")))
    head = add(neck_base, apply(r_head, (0, HEAD_AND_NECK - HEAD_RADIUS - 0.012 * H, 0.01 * H)))
    nose_root = add(head, apply(r_head, (0, -0.05 * HEAD_RADIUS, 0.6 * HEAD_RADIUS)))
    nose = add(head, apply(r_head, (0, -0.12 * HEAD_RADIUS, 1.12 * HEAD_RADIUS)))
    parts = [
        Part(
            "pelvis",
            add(pelvis, apply(r_pelvis, (HIP_HALF * 0.5, 0.01 * H, 0))),
            add(pelvis, apply(r_pelvis, (-HIP_HALF * 0.5, 0.01 * H, 0))),
            # Nearly a ball: the buttocks stay round when a thigh swings away from them.
            0.068 * H,
            0.068 * H,
            "",
            "",
        ),
        Part(
            "trunk",
            add(pelvis, apply(r_trunk, (0, 0.05 * H, -0.004 * H))),
            add(pelvis, apply(r_trunk, (0, TRUNK - 0.045 * H, 0))),
            0.078 * H,
            0.088 * H,
            "",
            "",
            width_axis=apply(r_trunk, (1, 0, 0)),
            depth_axis=apply(r_trunk, (0, 0, 1)),
            depth_ratio=0.68,
        ),
        Part("neck", neck_base, head, 0.026 * H, 0.024 * H, "", ""),
        Part("nose", nose_root, nose, 0.02 * H, 0.011 * H, "", ""),
        Part("head", head, head, HEAD_RADIUS, HEAD_RADIUS, "", ""),
    ]
    shoulders = {
        side: add(pelvis, apply(r_trunk, (sign * SHOULDER_HALF, TRUNK - 0.016 * H, -0.004 * H)))
        for side, sign in (("left", 1.0), ("right", -1.0))
    }
    # Shoulders as wide as the arms' roots, so an arm seen from the front or from above
    # grows out of the body instead of beside it; no thicker than an upper arm, so it never
    # reaches lower than the arms that rest on something.
    radius = 0.034 * H
    parts.append(
        Part("shoulder_girdle", shoulders["left"], shoulders["right"], radius, radius, "", "")
    )
    for side, sign in (("left", 1.0), ("right", -1.0)):
        flex, abduct, rotate = angles(joints, f"{side}_shoulder")
        r_upper = matmul(r_trunk, limb_rotation(flex, abduct, rotate, sign))
        shoulder = shoulders[side]
        elbow = add(shoulder, apply(r_upper, (0, -UPPER_ARM, 0)))
        r_fore = matmul(r_upper, rot_x(-angles(joints, f"{side}_elbow")[0]))
        wrist = add(elbow, apply(r_fore, (0, -FOREARM, 0)))
        fingers = add(wrist, apply(r_fore, (0, -HAND, 0.008 * H)))
        parts += [
            Part(f"{side}_upper_arm", shoulder, elbow, 0.036 * H, 0.028 * H, side, "arm"),
            Part(f"{side}_forearm", elbow, wrist, 0.027 * H, 0.019 * H, side, "arm"),
            Part(f"{side}_hand", wrist, fingers, 0.019 * H, 0.013 * H, side, "arm"),
        ]
        flex, abduct, rotate = angles(joints, f"{side}_hip")
        r_thigh = matmul(r_pelvis, limb_rotation(flex, abduct, rotate, sign))
        hip = add(pelvis, apply(r_pelvis, (sign * HIP_HALF, 0, 0)))
        knee = add(hip, apply(r_thigh, (0, -THIGH, 0)))
        r_shank = matmul(r_thigh, rot_x(angles(joints, f"{side}_knee")[0]))
        ankle = add(knee, apply(r_shank, (0, -SHANK, 0)))
        r_foot = matmul(r_shank, rot_x(-angles(joints, f"{side}_ankle")[0]))
        heel = add(ankle, apply(r_foot, (0, -0.017 * H, -0.012 * H)))
        ball = add(ankle, apply(r_foot, (0, -0.025 * H, 0.07 * H)))
        # The toes: a row across the foot's width, so a foot seen from the front or above
        # still shows which way it points; the big toe's side reaches further.
        big_toe = add(ankle, apply(r_foot, (-sign * 0.016 * H, -0.028 * H, 0.1 * H)))
        little_toe = add(ankle, apply(r_foot, (sign * 0.02 * H, -0.029 * H, 0.082 * H)))
        parts += [
            Part(f"{side}_thigh", hip, knee, 0.056 * H, 0.036 * H, side, "leg"),
            Part(f"{side}_shank", knee, ankle, 0.034 * H, 0.02 * H, side, "leg"),
            Part(f"{side}_foot", heel, ball, 0.022 * H, 0.014 * H, side, "leg"),
            Part(f"{side}_toes", big_toe, little_toe, 0.011 * H, 0.01 * H, side, "leg"),
        ]
    return parts


def part_radius(part: Part, direction: Vec, at_b: bool = False) -> float:
    """The part's half-thickness across `direction` (a unit vector)."""
    radius = part.rb if at_b else part.ra
    if part.width_axis is None:
        return radius
    along_width = dot(direction, part.width_axis)
    along_depth = dot(direction, part.depth_axis)
    return math.sqrt((radius * along_width) ** 2 + (radius * part.depth_ratio * along_depth) ** 2)


# Props and contacts -------------------------------------------------------------------------


@dataclass(frozen=True)
class Box:
    name: str
    low: Vec
    high: Vec
    fill: str
    rounded: float = 0.0
    slope: float = 0.0  # how much higher the box is for each unit along x, about its middle
    # Its sides' colour, darker than its top, for a box seen from above to show how thick it is.
    edge: str = ""

    def sloped(self, point: Vec) -> Vec:
        """The point where it is on the box as drawn, for one at `point` on the level box."""
        middle = (self.low[0] + self.high[0]) / 2
        return (point[0], point[1] + self.slope * (point[0] - middle), point[2])

    def signed_distance(self, point: Vec) -> tuple[float, Vec]:
        """Distance from `point` to the box (negative inside) and the unit direction out; for a
        sloped box, measured up and down from its slope, near enough for a gentle one."""
        centre = scale(add(self.low, self.high), 0.5)
        half = scale(sub(self.high, self.low), 0.5)
        middle = centre[0]
        point = (point[0], point[1] - self.slope * (point[0] - middle), point[2])
        offset = sub(point, centre)
        q = tuple(abs(offset[i]) - half[i] for i in range(3))
        outside = tuple(max(value, 0.0) for value in q)
        out_length = length(outside)
        if out_length > 0:
            direction = tuple(math.copysign(outside[i], offset[i]) / out_length for i in range(3))
            return out_length, direction
        axis = max(range(3), key=lambda i: q[i])
        direction = tuple(
            (math.copysign(1.0, offset[axis]) if i == axis else 0.0) for i in range(3)
        )
        return q[axis], direction


def samples(part: Part, count: int = 9):
    """Points along the part's axis, each with its direction-dependent radius."""
    for index in range(count):
        t = index / (count - 1) if count > 1 else 0
        yield t, add(part.a, scale(sub(part.b, part.a), t))


def gap(part: Part, box: Box) -> float:
    """How far the part's surface is from the box: negative when it sinks in."""
    best = math.inf
    for t, point in samples(part):
        distance, direction = box.signed_distance(point)
        radius = part.ra + (part.rb - part.ra) * t
        if part.width_axis is not None:
            radius = part_radius(part, direction) * (1 - t) + part_radius(part, direction, True) * t
        best = min(best, distance - radius)
    return best


CONTACT_PARTS = {
    "head": ["head"],
    "back": ["trunk"],
    "pelvis": ["pelvis"],
    **{
        f"{side}_{name}": [f"{side}_{part}" for part in parts]
        for side in ("left", "right")
        for name, parts in {
            "foot": ["foot", "toes"],
            "toes": ["toes"],
            "shin": ["shank"],
            "thigh": ["thigh"],
            "arm": ["upper_arm", "forearm", "hand"],
            "forearm": ["forearm"],
            "hand": ["hand"],
        }.items()
    },
}
# Parts named by a joint: the ball at that end of a segment.
CONTACT_POINTS = {
    **{f"{side}_knee": (f"{side}_shank", 0.0) for side in ("left", "right")},
    **{f"{side}_heel": (f"{side}_foot", 0.0) for side in ("left", "right")},
    **{f"{side}_elbow": (f"{side}_forearm", 0.0) for side in ("left", "right")},
    **{f"{side}_ankle": (f"{side}_shank", 1.0) for side in ("left", "right")},
    # The top of the back, where the shoulder blades lie on a mat.
    "shoulders": ("trunk", 1.0),
}
CONTACTS = set(CONTACT_PARTS) | set(CONTACT_POINTS)


def contact_parts(name: str, parts: dict[str, Part]) -> list[Part]:
    if name in CONTACT_POINTS:
        part_name, t = CONTACT_POINTS[name]
        part = parts[part_name]
        point = part.a if t == 0 else part.b
        radius = part.ra if t == 0 else part.rb
        # A ball as thick as the part is there (the trunk is flatter front to back).
        return [dataclasses.replace(part, name=name, a=point, b=point, ra=radius, rb=radius)]
    return [parts[part_name] for part_name in CONTACT_PARTS[name]]


def contact_gap(name: str, surface: str, boxes: list[Box], parts: dict[str, Part]) -> float:
    """How far the named part is from the nearest piece of the named surface."""
    return min(
        gap(part, box)
        for part in contact_parts(name, parts)
        for box in boxes
        if box.name == surface
    )


def touch_gap(first: str, second: str, parts: dict[str, Part]) -> float:
    """How far apart two body parts' surfaces are (negative when they overlap)."""
    best = math.inf
    for a in contact_parts(first, parts):
        for b in contact_parts(second, parts):
            for ta, pa in samples(a):
                for tb, pb in samples(b):
                    ra = a.ra + (a.rb - a.ra) * ta
                    rb = b.ra + (b.rb - b.ra) * tb
                    best = min(best, length(sub(pa, pb)) - ra - rb)
    return best


def props_for(figure: dict, extent) -> list[Box]:
    """The figure's props as boxes; the floor and mat reach across the figure's `extent`."""
    (low, high), (far, near) = extent
    boxes = [Box("floor", (low - 30, -6, far - 12), (high + 30, 0, near + 12), FILL["floor"])]
    for prop in figure.get("props", []):
        kind = prop["kind"]
        x, z = place(prop)
        if kind == "mat":
            boxes.append(
                Box(
                    "mat",
                    (low - 6, 0, far - 6),
                    (high + 6, MAT_THICKNESS, near + 6),
                    FILL["mat"],
                    edge=FILL["prop"],
                )
            )
        elif kind == "cushion":
            w, h, d = prop.get("size", [0.2 * H, 0.05 * H, 0.14 * H])
            base = float(prop.get("on", 0))
            boxes.append(
                Box(
                    "cushion",
                    (x - w / 2, base, z - d / 2),
                    (x + w / 2, base + h, z + d / 2),
                    FILL["prop-light"],
                    rounded=h / 2,
                    edge=FILL["prop-side"],
                )
            )
        elif kind == "chair":
            boxes += chair(x, z, prop.get("facing", "right"))
        elif kind == "rail" and prop.get("along") == "x":
            # A stair handrail beside a step seen side-on: a bar along the view on two posts,
            # rising toward -x as a stair's does (level, it read as a table over the step).
            top, half, slope = 0.53 * H, 0.2 * H, -float(prop.get("rise", 0)) / (0.4 * H)
            boxes += [
                Box(
                    "rail",
                    (x - half, top - 3, z - 2),
                    (x + half, top, z + 2),
                    FILL["prop"],
                    0,
                    slope,
                ),
                *(
                    Box(
                        "rail",
                        (post - 1.5, 0, z - 1.5),
                        (post + 1.5, top + slope * (post - x), z + 1.5),
                        FILL["prop"],
                    )
                    for post in (x - half + 2, x + half - 2)
                ),
            ]
        elif kind == "rail":
            top = 0.53 * H
            boxes += [
                Box(
                    "rail", (x - 2, top - 3, z - 0.16 * H), (x + 2, top, z + 0.16 * H), FILL["prop"]
                ),
                Box("rail", (x - 1.5, 0, z - 1.5), (x + 1.5, top, z + 1.5), FILL["prop"]),
            ]
        elif kind == "counter":
            # A kitchen counter side-on: the cupboard, and the worktop a hand rests on.
            top, half, depth = 0.53 * H, 0.16 * H, 0.2 * H
            boxes += [
                Box(
                    "counter", (x - half, 0, z - depth), (x + half, top - 3, z), FILL["prop-light"]
                ),
                Box(
                    "counter",
                    (x - half - 3, top - 3, z - depth),
                    (x + half + 3, top, z + 2),
                    FILL["prop"],
                ),
            ]
        elif kind == "wall":
            boxes.append(Box("wall", (x, 0, -60), (x + 4, 0.9 * H, 60), FILL["prop-light"]))
    # The floor runs under whatever stands on it, not just under the body.
    floor, *standing = boxes
    xs = [floor.low[0], floor.high[0]] + [x for box in standing for x in (box.low[0], box.high[0])]
    boxes[0] = Box("floor", (min(xs), *floor.low[1:]), (max(xs), *floor.high[1:]), FILL["floor"])
    return boxes


def chair(x: float, z: float, facing: str) -> list[Box]:
    """A kitchen chair: seat, back and four legs; a sitter would face `facing`. The back is two
    posts and a top rail, so from the front it reads as a chair's back, not a board."""
    seat_h, half, leg, back_top, rail = 0.235 * H, 0.13 * H, 1.6, 0.55 * H, 0.05 * H
    direction = DIRECTIONS[facing]
    axis = 0 if direction[0] else 2
    across = 2 - axis
    # The back stands on the edge away from where the sitter faces.
    back_at = (x, 0, z)[axis] - direction[axis] * (half - leg)

    def span(along: tuple[float, float], over: tuple[float, float], y: tuple[float, float]):
        low, high = [0.0, y[0], 0.0], [0.0, y[1], 0.0]
        low[axis], high[axis] = along
        low[across], high[across] = over
        return Box("chair", tuple(low), tuple(high), FILL["prop"])

    middle = (x, 0, z)[across]
    back = (back_at - leg, back_at + leg)
    boxes = [
        span(back, (middle - half, middle + half), (back_top - rail, back_top)),
        *(
            span(back, (middle + sign * (half - 2 * leg), middle + sign * half), (seat_h, back_top))
            for sign in (-1, 1)
        ),
        Box(
            "chair", (x - half, seat_h - 3.5, z - half), (x + half, seat_h, z + half), FILL["prop"]
        ),
    ]
    for dx in (-1, 1):
        for dz in (-1, 1):
            cx, cz = x + dx * (half - leg), z + dz * (half - leg)
            boxes.append(
                Box(
                    "chair",
                    (cx - leg, 0, cz - leg),
                    (cx + leg, seat_h - 3.5, cz + leg),
                    FILL["prop"],
                )
            )
    return boxes


# Validation ---------------------------------------------------------------------------------


def check_figure(figure: dict) -> None:
    """Raise FigureError, in words for staff, for anything the figure cannot be drawn from."""
    if not isinstance(figure, dict):
        raise FigureError("The figure must be a JSON object with start and hold poses.")
    unknown = set(figure) - {
        "camera",
        "props",
        "working",
        "side",
        "move_seconds",
        "planted",
        "near",
        "inset",
        "ghost",
        *KEYFRAMES,
    }
    if "camera" in figure and set(figure["camera"]) - {"yaw", "pitch"}:
        raise FigureError("The camera takes a yaw and a pitch, in degrees.")
    if unknown:
        raise FigureError(f"Unknown figure setting: {', '.join(sorted(unknown))}.")
    for required in ("start", "hold"):
        if required not in figure:
            raise FigureError(f"The figure needs a “{required}” pose.")
    for key in KEYFRAMES:
        if key in figure and not isinstance(figure[key], dict):
            raise FigureError(f"The {key} pose must be an object with body, joints and rests.")
    if figure.get("working", "none") not in WORKING:
        raise FigureError(f"“working” must be one of: {', '.join(sorted(WORKING))}.")
    if figure.get("inset", "feet") not in INSETS:
        raise FigureError(
            "“inset” can only be “feet” (the feet seen from above), “legs” (the legs of a "
            "body lying on its back, seen from its feet), “legs-above” (its legs seen from "
            "above) or “buttocks” (its buttocks, seen from behind)."
        )
    lying_inset = figure.get("inset") in ("legs", "legs-above", "buttocks")
    if lying_inset and any(
        figure[key].get("body", {}).get("head") not in ("left", "right")
        or figure[key].get("body", {}).get("front") != "up"
        for key in KEYFRAMES
        if key in figure
    ):
        raise FigureError(
            f"The {figure['inset']} inset is for a body lying on its back, its head left or right."
        )
    if figure.get("near", "left") not in ("left", "right"):
        raise FigureError("“near”, the side drawn darker, is “left” or “right”.")
    if not isinstance(figure.get("ghost", False), bool):
        raise FigureError(
            "“ghost” is true or false: whether the hold’s still also shows the start’s legs."
        )
    if figure.get("side", "left") != "left":
        raise FigureError("“side” is the side the picture shows first: “left”, as the timer.")
    move = figure.get("move_seconds", 2)
    if not isinstance(move, int | float) or not 0.5 <= move <= 10:
        raise FigureError("“move_seconds” must be a number of seconds from 0.5 to 10.")
    stills = list(own_labels(figure))
    for prop in figure.get("props", []):
        if not isinstance(prop, dict) or prop.get("kind") not in PROPS:
            raise FigureError("Each prop needs a kind: one of " + ", ".join(sorted(PROPS)) + ".")
        if prop["kind"] in MARKS and prop.get("follows") not in CONTACTS:
            raise FigureError(
                "An arrow follows a body part (a squeeze or a tuck marks one): "
                f"“follows” must be one of: {', '.join(sorted(CONTACTS))}."
            )
        if prop["kind"] == "arrow" and prop.get("on", "start") not in stills:
            raise FigureError(
                f"An arrow is drawn on one of the stills: “on” must be one of: {', '.join(stills)}."
            )
        if prop["kind"] == "chair" and prop.get("facing", "right") not in DIRECTIONS:
            raise FigureError(f"A chair faces one of: {', '.join(DIRECTIONS)}.")
        rise = prop.get("rise", 0)
        if prop["kind"] == "rail" and (not isinstance(rise, int | float) or not 0 <= rise <= 40):
            raise FigureError("A rail’s “rise” is how much higher its far end is: 0 to 40.")
    planted = figure.get("planted", [])
    if not isinstance(planted, list) or not all(name in CONTACTS for name in planted):
        raise FigureError(
            f"“planted” lists body parts that stay put: any of {', '.join(sorted(CONTACTS))}."
        )
    first_body = None
    for key in KEYFRAMES:
        if key not in figure:
            continue
        pose = figure[key]
        body = pose.get("body", {})
        if not isinstance(body, dict) or set(body) - {"head", "front", "at", "tilt", "roll"}:
            raise FigureError(
                f"In the {key} pose, body takes head, front, at, tilt and roll, nothing else."
            )
        if not all(isinstance(body.get(field, 0), int | float) for field in ("tilt", "roll")):
            raise FigureError(f"In the {key} pose, tilt and roll are numbers of degrees.")
        for field in ("head", "front"):
            if body.get(field, "up" if field == "head" else "left") not in DIRECTIONS:
                raise FigureError(
                    f"In the {key} pose, body {field} must be one of: {', '.join(DIRECTIONS)}."
                )
        orientation = (body.get("head", "up"), body.get("front", "left"))
        if length(cross(DIRECTIONS[orientation[0]], DIRECTIONS[orientation[1]])) == 0:
            raise FigureError(
                f"In the {key} pose, the head and the front cannot point the same way."
            )
        if first_body is None:
            first_body = orientation
        elif orientation != first_body:
            raise FigureError(
                "The body must point the same way in every pose (tilt it with the spine and hips)."
            )
        for joint, value in pose.get("joints", {}).items():
            check_joint(key, joint, value)
        for part, surface in pose.get("rests", {}).items():
            if part not in CONTACTS:
                raise FigureError(
                    f"In the {key} pose, “{part}” is not a body part that can rest on something "
                    f"(use one of: {', '.join(sorted(CONTACTS))})."
                )
            if surface not in surface_names(figure):
                raise FigureError(
                    f"In the {key} pose, {part} rests on “{surface}”, which is not in the picture."
                )
        for first, second in pose.get("touches", {}).items():
            for part in (first, second):
                if part not in CONTACTS:
                    raise FigureError(f"In the {key} pose, “{part}” is not a body part we know.")
        if not pose.get("rests"):
            raise FigureError(f"The {key} pose must say what the body rests on (e.g. the floor).")
        for name in planted:
            if name not in pose["rests"]:
                raise FigureError(
                    f"{name.replace('_', ' ').capitalize()} is planted, so the {key} pose must "
                    "say what it rests on."
                )
        label = pose.get("label", "")
        if not isinstance(label, str) or len(label) > LABEL_LENGTH:
            raise FigureError(
                f"The {key} pose’s label is a few words (at most {LABEL_LENGTH} characters)."
            )


def check_joint(key: str, joint: str, value) -> None:
    if joint not in JOINTS:
        raise FigureError(
            f"In the {key} pose, “{joint}” is not a joint we know ({', '.join(JOINTS)})."
        )
    kind = joint.split("_", 1)[1] if "_" in joint else joint
    values = [value] if isinstance(value, int | float) else value
    ranges = JOINT_RANGES[kind]
    if not isinstance(values, list) or not 1 <= len(values) <= len(ranges):
        raise FigureError(f"In the {key} pose, {joint} takes up to {len(ranges)} angles.")
    labels = {"spine": ("bend", "side bend", "twist"), "neck": ("bend", "tilt", "turn")}.get(
        kind, ("flexion", "abduction", "rotation")
    )
    for angle, (low, high), label in zip(values, ranges, labels, strict=False):
        if not isinstance(angle, int | float):
            raise FigureError(f"In the {key} pose, {joint} angles must be numbers of degrees.")
        if not low <= angle <= high:
            raise FigureError(
                f"In the {key} pose, {joint.replace('_', ' ')} {label} of {angle}° is outside "
                f"what a body does ({low}° to {high}°)."
            )


def surface_names(figure: dict) -> set[str]:
    return {"floor"} | {prop["kind"] for prop in figure.get("props", [])} & SURFACES


# Posing -------------------------------------------------------------------------------------


def extent_of(figure: dict) -> tuple[tuple[float, float], tuple[float, float]]:
    """How far the body reaches left and right (x) and away and toward the viewer (z)."""
    figure = anchored(figure)
    points = [
        point
        for key in KEYFRAMES
        if key in figure
        for part in body_parts(figure[key])
        for point in (part.a, part.b)
    ]
    xs, zs = [p[0] for p in points], [p[2] for p in points]
    return (min(xs), max(xs)), (min(zs), max(zs))


def placed(figure: dict, pose: dict, boxes: list[Box]) -> list[Part]:
    """The pose lowered from above until its first resting part touches what it rests on.

    Each step lowers the body by the distance to the nearest surface, which is never more than
    the way down, so the body stops where it first touches instead of passing through.
    """
    height = ABOVE
    for _ in range(80):
        parts = {part.name: part for part in body_parts(pose, root_y=height)}
        shift = min(
            contact_gap(name, surface, boxes, parts) for name, surface in pose["rests"].items()
        )
        height -= shift
        if abs(shift) < 0.05:
            break
    return body_parts(pose, root_y=height)


ABOVE = 2 * H


def root_height(parts: list[Part], pose: dict) -> float:
    body = body_parts(pose)
    return parts[0].a[1] - body[0].a[1]


def blend(first: dict, second: dict, t: float) -> dict:
    """A pose part-way from `first` to `second`: angles, tilt and place in a straight line."""
    joints = {}
    for joint in set(first.get("joints", {})) | set(second.get("joints", {})):
        a, b = angles(first.get("joints", {}), joint), angles(second.get("joints", {}), joint)
        joints[joint] = [x + (y - x) * t for x, y in zip(a, b, strict=True)]
    body_a, body_b = first.get("body", {}), second.get("body", {})
    at_a, at_b = place(body_a), place(body_b)
    return {
        "body": {
            "head": body_a.get("head", "up"),
            "front": body_a.get("front", "left"),
            "tilt": body_a.get("tilt", 0) + (body_b.get("tilt", 0) - body_a.get("tilt", 0)) * t,
            "roll": body_a.get("roll", 0) + (body_b.get("roll", 0) - body_a.get("roll", 0)) * t,
            "at": [x + (y - x) * t for x, y in zip(at_a, at_b, strict=True)],
        },
        "joints": joints,
    }


IN_BETWEENS = 4  # frames from one keyframe to the next, so straight-line blending stays rigid


def contact_point(name: str, parts: dict[str, Part]) -> Vec:
    """The middle of a contact: a joint's ball, or the middle of the parts named."""
    ends = [end for part in contact_parts(name, parts) for end in (part.a, part.b)]
    return scale(functools.reduce(add, ends), 1 / len(ends))


def planted_point(figure: dict, parts: list[Part]) -> Vec:
    """Where the figure's planted contacts are, together: their middle."""
    by_name = {part.name: part for part in parts}
    points = [contact_point(name, by_name) for name in figure["planted"]]
    return scale(functools.reduce(add, points), 1 / len(points))


def anchored(figure: dict) -> dict:
    """The figure with each keyframe moved over the floor so that what it says is planted (a
    foot, a hand) is where it was at the start: the body moves around it, it does not slide."""
    if not figure.get("planted"):
        return figure
    anchor = planted_point(figure, body_parts(figure["start"]))
    result = dict(figure)
    for key in KEYFRAMES[1:]:
        if key not in figure:
            continue
        pose = figure[key]
        here = planted_point(figure, body_parts(pose))
        x, z = place(pose.get("body", {}))
        at = [round(x + anchor[0] - here[0], 3), round(z + anchor[2] - here[2], 3)]
        result[key] = {**pose, "body": {**pose.get("body", {}), "at": at}}
    return result


def shifted(parts: list[Part], offset: Vec) -> list[Part]:
    return [
        dataclasses.replace(part, a=add(part.a, offset), b=add(part.b, offset)) for part in parts
    ]


def keyframe_parts(figure: dict) -> dict[str, list[Part]]:
    figure = anchored(figure)
    boxes = props_for(figure, extent_of(figure))
    return {key: placed(figure, figure[key], boxes) for key in KEYFRAMES if key in figure}


def frames(figure: dict) -> list[list[Part]]:
    """Start, in-betweens, (middle, in-betweens,) hold: the whole movement in rigid poses."""
    figure = anchored(figure)
    keys = [key for key in KEYFRAMES if key in figure]
    placed_keys = keyframe_parts(figure)
    heights = {key: root_height(placed_keys[key], figure[key]) for key in keys}
    anchor = planted_point(figure, placed_keys["start"]) if figure.get("planted") else None
    result = [placed_keys[keys[0]]]
    for first, second in itertools.pairwise(keys):
        for step in range(1, IN_BETWEENS + 1):
            t = step / IN_BETWEENS
            if step == IN_BETWEENS:
                result.append(placed_keys[second])
                continue
            eased = blend(figure[first], figure[second], t)
            height = heights[first] + (heights[second] - heights[first]) * t
            parts = body_parts(eased, root_y=height)
            if anchor is not None:
                # Planted contacts stay put on the way too, not only at the keyframes.
                parts = shifted(parts, sub(anchor, planted_point(figure, parts)))
            result.append(parts)
    return result


# Drawing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Camera:
    yaw: float = 0.0
    pitch: float = 0.0

    @property
    def matrix(self) -> Mat:
        return matmul(rot_x(self.pitch), rot_y(self.yaw))

    def project(self, point: Vec) -> Vec:
        """Screen x, screen y (down) and depth (toward the viewer)."""
        x, y, z = apply(self.matrix, point)
        return (x, -y, z)


def flat(camera: Camera, part: Part) -> tuple[float, ...]:
    """The part as seen: x1, y1, r1, x2, y2, r2 on screen."""
    a, b = camera.project(part.a), camera.project(part.b)
    if part.width_axis is None:
        return (a[0], a[1], part.ra, b[0], b[1], part.rb)
    axis = (b[0] - a[0], b[1] - a[1])
    norm = math.hypot(*axis) or 1.0
    across_screen = (-axis[1] / norm, axis[0] / norm, 0.0)
    # The same direction in world space: undo the camera (its matrix is orthonormal).
    m = camera.matrix
    screen_world = (across_screen[0], -across_screen[1], 0.0)
    across = tuple(sum(m[row][col] * screen_world[row] for row in range(3)) for col in range(3))
    return (a[0], a[1], part_radius(part, across), b[0], b[1], part_radius(part, across, True))


def capsule_path(x1, y1, r1, x2, y2, r2) -> str:
    """Two circles and the lines that touch both: a tapered body part. Mirrors figure.js."""
    dx, dy = x2 - x1, y2 - y1
    d = math.hypot(dx, dy)
    if d <= abs(r1 - r2) + 0.01:
        x, y, r = (x1, y1, r1) if r1 >= r2 else (x2, y2, r2)
        arc = f"a{r:.1f} {r:.1f} 0 1 0"
        return f"M{x - r:.1f} {y:.1f}{arc} {2 * r:.1f} 0{arc} {-2 * r:.1f} 0z"
    theta = math.atan2(dy, dx)
    alpha = math.acos((r1 - r2) / d)
    p = [
        (x1 + r1 * math.cos(theta + alpha), y1 + r1 * math.sin(theta + alpha)),
        (x2 + r2 * math.cos(theta + alpha), y2 + r2 * math.sin(theta + alpha)),
        (x2 + r2 * math.cos(theta - alpha), y2 + r2 * math.sin(theta - alpha)),
        (x1 + r1 * math.cos(theta - alpha), y1 + r1 * math.sin(theta - alpha)),
    ]
    return (
        f"M{p[0][0]:.1f} {p[0][1]:.1f}L{p[1][0]:.1f} {p[1][1]:.1f}"
        f"A{r2:.1f} {r2:.1f} 0 0 0 {p[2][0]:.1f} {p[2][1]:.1f}"
        f"L{p[3][0]:.1f} {p[3][1]:.1f}A{r1:.1f} {r1:.1f} 0 1 0 {p[0][0]:.1f} {p[0][1]:.1f}z"
    )


def box_outline(camera: Camera, box: Box) -> list[tuple[float, float]]:
    """The box's silhouette: the convex hull of its eight corners on screen."""
    corners = [
        camera.project(box.sloped((x, y, z)))
        for x in (box.low[0], box.high[0])
        for y in (box.low[1], box.high[1])
        for z in (box.low[2], box.high[2])
    ]
    return convex_hull([(c[0], c[1]) for c in corners])


def box_top(camera: Camera, box: Box) -> list[tuple[float, float]]:
    """The box's top face on screen, corner by corner round it."""
    (x1, _, z1), (x2, y, z2) = box.low, box.high
    corners = [(x1, y, z1), (x2, y, z1), (x2, y, z2), (x1, y, z2)]
    return [camera.project(box.sloped(corner))[:2] for corner in corners]


def convex_hull(points):
    points = sorted({(round(x, 2), round(y, 2)) for x, y in points})
    if len(points) <= 2:
        return points

    def turn(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower, upper = [], []
    for point in points:
        while len(lower) >= 2 and turn(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    for point in reversed(points):
        while len(upper) >= 2 and turn(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def role(part: Part, working: str, near_side: str) -> str:
    if not part.side:
        return "work" if part.name.endswith("_buttock") else "body"
    far = near_side and part.side != near_side
    works = working in (f"{part.side} {part.limb}", f"{part.side} side") or (
        working == "both legs" and part.limb == "leg"
    )
    if works:
        return "work-far" if far else "work"
    return "far" if far else "near"


# Each buttock: its radius, how far it sits out from the middle, behind and below the hips.
BUTTOCK = (0.058 * H, 0.056 * H, 0.03 * H, 0.015 * H)


def with_buttocks(parts: list[Part]) -> list[Part]:
    """The parts and the two buttocks, balls behind the hip joints: the pelvis is a ball round
    the hip joints, so in orange it reads as the side or front of the hip; buttocks that do the
    work are drawn where they are, at the back."""
    parts = [part for part in parts if not part.name.endswith("_buttock")]
    by_name = {part.name: part for part in parts}
    pelvis, trunk = by_name["pelvis"], by_name["trunk"]
    middle = scale(add(pelvis.a, pelvis.b), 0.5)
    left = unit(sub(pelvis.a, pelvis.b))
    up = unit(sub(trunk.a, middle))
    back = cross(up, left)
    radius, out, behind, below = BUTTOCK
    centre = add(middle, add(scale(back, behind), scale(up, -below)))
    return [
        *parts,
        *(
            Part(f"{side}_buttock", point, point, radius, radius, "", "")
            for side, sign in (("left", 1), ("right", -1))
            for point in [add(centre, scale(left, sign * out))]
        ),
    ]


EYES = ("left_eye", "right_eye")


def with_eyes(parts: list[Part]) -> list[Part]:
    """The parts, the nose left out, and two eyes on the front of the head, either side of
    where the nose points and a little above it."""
    by_name = {part.name: part for part in parts}
    head, neck, nose = by_name["head"].a, by_name["neck"].a, by_name["nose"]
    up = unit(sub(head, neck))
    ahead = unit(sub(nose.b, head))
    ahead = unit(sub(ahead, scale(up, dot(ahead, up))))
    left = cross(up, ahead)
    centre = add(head, add(scale(ahead, 0.8 * HEAD_RADIUS), scale(up, 0.18 * HEAD_RADIUS)))
    return [part for part in parts if part.name != "nose"] + [
        Part(name, point, point, 0.14 * HEAD_RADIUS, 0.14 * HEAD_RADIUS, "", "")
        for name, sign in zip(EYES, (1, -1), strict=True)
        for point in [add(centre, scale(left, sign * 0.38 * HEAD_RADIUS))]
    ]


def unit(a: Vec) -> Vec:
    return scale(a, 1 / length(a))


@dataclass
class Drawing:
    """What the templates need: the stills, the live figure and its frames."""

    view_box: tuple[float, float, float, float]
    props: str
    arrows: dict[str, str]  # by the keyframe whose still shows them
    squeezes: str
    tucks: str
    insets: dict[str, str]  # by keyframe: the feet or legs seen another way, when asked for
    stills: dict[str, str]
    live: str
    frame_data: list[list[float]]
    # Where the inset's label ends (its words are the page's language's, added by `render`).
    inset_label_at: tuple[float, float] | None = None


def moves(start: tuple[float, ...], hold: tuple[float, ...]) -> bool:
    """Whether a part seen in two stills is drawn somewhere else (more than 3 units away)."""
    return max(abs(a - b) for a, b in zip(start, hold, strict=True)) > 3


def draw(figure: dict) -> Drawing:
    return drawing_of(json.dumps(figure, sort_keys=True))


@functools.lru_cache(maxsize=64)
def drawing_of(figure_json: str) -> Drawing:
    """The drawing of one figure, kept: saving an exercise again redraws nothing."""
    figure = json.loads(figure_json)
    camera = Camera(**figure.get("camera", {}))
    movement = frames(figure)
    boxes = props_for(figure, extent_of(figure))
    keyed = keyframe_parts(figure)
    working = figure.get("working", "none")
    if working == "buttocks":
        movement = [with_buttocks(parts) for parts in movement]
        keyed = {key: with_buttocks(parts) for key, parts in keyed.items()}
    # Painter's order: farthest part first, judged over the whole movement; the nose just
    # before the head, so only its tip shows beyond the face.
    depth = {}
    for parts in movement:
        for part in parts:
            z = (camera.project(part.a)[2] + camera.project(part.b)[2]) / 2
            depth[part.name] = depth.get(part.name, 0) + z
    names = sorted(depth, key=lambda name: depth[name])
    names.remove("nose")
    # The shoulders belong to the trunk: judged on their own, from above they came after the
    # head and hid the face.
    names.remove("shoulder_girdle")
    names.insert(names.index("trunk") + 1, "shoulder_girdle")
    facing_viewer = depth["nose"] - depth["head"] > 0.5 * HEAD_RADIUS * len(movement)
    if facing_viewer:
        # A face turned toward the viewer shows two eyes, darker: one dot on it would read
        # as a single eye or a nose, and leave unclear which way the person faces.
        movement = [with_eyes(parts) for parts in movement]
        keyed = {key: with_eyes(parts) for key, parts in keyed.items()}
        names[names.index("head") + 1 : names.index("head") + 1] = list(EYES)
    else:
        names.insert(names.index("head"), "nose")
    if working == "buttocks":
        # Lying on the back, the near thigh would hide the buttocks that do the work.
        buttocks = [name for name in names if name == "pelvis" or name.endswith("_buttock")]
        names = [name for name in names if name not in buttocks]
        last_thigh = max(names.index(f"{side}_thigh") for side in ("left", "right"))
        names[last_thigh + 1 : last_thigh + 1] = buttocks
    start = {part.name: part for part in movement[0]}
    sides = {
        side: sum(depth[f"{side}_{p}"] for p in ("thigh", "shank", "upper_arm"))
        for side in ("left", "right")
    }
    near_side = ""
    if abs(sides["left"] - sides["right"]) > 0.02 * H * len(movement):
        near_side = "left" if sides["left"] > sides["right"] else "right"
    near_side = figure.get("near", near_side)
    roles = {name: role(start[name], working, near_side) for name in names}
    for eye in EYES if facing_viewer else ():
        roles[eye] = "face"

    flats = [{part.name: flat(camera, part) for part in parts} for parts in movement]
    xs, ys = [], []
    for frame in flats:
        for x1, y1, r1, x2, y2, r2 in frame.values():
            xs += [x1 - r1, x1 + r1, x2 - r2, x2 + r2]
            ys += [y1 - r1, y1 + r1, y2 - r2, y2 + r2]
    arrows = [
        (still, arrow_path([camera.project(add(point, offset)) for point in path]))
        for still, path, offset in arrow_paths(figure, movement)
    ]
    held = {part.name: part for part in keyed["hold"]}

    def marked(prop: dict) -> tuple[Vec, float]:
        """Where a mark's part is on the hold still, and how thick it is."""
        centre = camera.project(contact_point(prop["follows"], held))
        return centre, max(part.ra for part in contact_parts(prop["follows"], held))

    squeezes = [
        pair
        for prop in figure.get("props", [])
        if prop["kind"] == "squeeze"
        for pair in squeeze_paths(*marked(prop))
    ]
    front = camera.project(DIRECTIONS[figure["hold"].get("body", {}).get("front", "left")])
    tucks = [
        tuck_path(*marked(prop), front)
        for prop in figure.get("props", [])
        if prop["kind"] == "tuck"
    ]
    for arrow in [points for _, points in arrows] + squeezes + tucks:
        xs += [x for x, _ in arrow]
        ys += [y for _, y in arrow]
    props_svg = []
    # Seen from above, the mat is a shape of its own and is drawn whole; the floor would only
    # be a second, larger one around it.
    from_above = abs(camera.pitch) > 10
    outlines = [
        (box, box_outline(camera, box))
        for box in boxes
        if not (box.name == "floor" and from_above and any(b.name == "mat" for b in boxes))
    ]
    # The floor is cut to the body and arrows, and reaches under what stands beside the body.
    standing = ("chair", "counter", "rail")
    floor_xs = xs + [x for box, outline in outlines if box.name in standing for x, _ in outline]
    for box, outline in outlines:
        if box.name not in ("floor", "mat") or (box.name == "mat" and from_above):
            xs += [x for x, _ in outline]
            ys += [y for _, y in outline]
    for box, outline in outlines:
        if box.name == "floor":
            outline = [(max(min(x, max(floor_xs) + 14), min(floor_xs) - 14), y) for x, y in outline]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in outline)
        if box.edge and from_above:
            # A mattress, pillow or mat seen from above is then a top to lie on, not a rug on
            # the floor nor a block in front of the body.
            props_svg.append(f'<polygon fill="{box.edge}" points="{points}"/>')
            points = " ".join(f"{x:.1f},{y:.1f}" for x, y in box_top(camera, box))
        props_svg.append(f'<polygon fill="{box.fill}" points="{points}"/>')
    floor_top = min(camera.project(p)[1] for p in [(0, 0, -20), (0, 0, 20)])
    ys.append(floor_top + 4)
    pad = 6
    width = max(xs) - min(xs) + 2 * pad
    insets, inset_label_at = {}, None
    if figure.get("inset") in INSETS:
        inset = INSETS[figure["inset"]]
        right, bottom = min(xs) - pad + width, min(ys)
        insets, inset_height = inset(keyed, roles, (right, bottom), width)
        inset_label_at = (right - 4, bottom - inset_height - 3)
        ys.append(bottom - inset_height - INSET_LABEL_HEIGHT)
    view_box = (
        min(xs) - pad,
        min(ys) - pad - 12,
        width,
        max(ys) - min(ys) + 2 * pad + 12,
    )

    def body_svg(frame: dict, drawn: list[str] = names) -> str:
        return "".join(
            f'<path fill="{FILL[roles[name]]}" d="{capsule_path(*frame[name])}"/>' for name in drawn
        )

    key_flats = {
        key: {part.name: flat(camera, part) for part in parts} for key, parts in keyed.items()
    }
    stills = {key: body_svg(frame) for key, frame in key_flats.items()}
    moved = (
        [
            name
            for name in names
            if name in LEG_PARTS and moves(key_flats["start"][name], key_flats["hold"][name])
        ]
        if figure.get("ghost")
        else []
    )
    if moved:
        # The start's moved legs as one pale shape, drawn just before the first of them in the
        # painter's order: the blind checks read a knee that tips or opens by where it came from.
        shapes = [capsule_path(*key_flats["start"][name]) for name in moved]
        edge = "".join(
            f'<path fill="none" stroke="{FILL["ghost-edge"]}" stroke-width="2.6" d="{d}"/>'
            for d in shapes
        )
        ghost = edge + "".join(f'<path fill="{FILL["ghost"]}" d="{d}"/>' for d in shapes)
        first = names.index(moved[0])
        hold = key_flats["hold"]
        stills["hold"] = body_svg(hold, names[:first]) + ghost + body_svg(hold, names[first:])
    data = [[round(v, 1) for name in names for v in frame[name]] for frame in flats]
    return Drawing(
        view_box,
        "".join(props_svg),
        {
            key: "".join(arrow_svg(points) for still, points in arrows if still == key)
            for key in keyed
        },
        "".join(stroke_svg(points) for points in squeezes),
        "".join(arrow_svg(points) for points in tucks),
        insets,
        stills,
        body_svg(flats[0]),
        data,
        inset_label_at,
    )


SIDES = ("left", "right")
FOOT_PARTS = [f"{side}_{part}" for side in SIDES for part in ("foot", "toes")]
# A footprint, as on a dance or yoga stance sketch, in lengths of the way from the heel's ball
# to the middle of the toes: along the foot (u) and across it toward the big toe (v). The sole
# is round at the heel, widest at the ball, its arch cut in on the big toe's side; the toes are
# beads in an arc in front of it, the big toe largest and furthest forward, so which way a foot
# points and which foot it is show at a glance (a capsule and a bar read as a bone).
SOLE = [
    (-0.2, 0.0),
    (-0.14, -0.12),
    (0.05, -0.17),
    (0.4, -0.2),
    (0.66, -0.25),
    (0.77, -0.2),
    (0.84, -0.06),
    (0.86, 0.09),
    (0.81, 0.23),
    (0.66, 0.27),
    (0.45, 0.11),
    (0.2, 0.09),
    (-0.1, 0.13),
]
TOES = [(1.01, 0.15, 0.095), (0.99, -0.04, 0.062), (0.94, -0.16, 0.055), (0.87, -0.26, 0.05)]
TOES += [(0.78, -0.34, 0.045)]
FOOT_SPREAD = 0.9  # the widest gap between the heels, in heel-to-toes lengths
FOOT_LENGTH = 0.2  # a foot's print, heel to toes, as a share of the still's width
FOOT_BOX = 0.5  # the widest the box may be, as a share of the still's width


def smooth_path(points: list[tuple[float, float]]) -> str:
    """A closed curve through `points` (a Catmull-Rom spline, drawn as cubic Béziers)."""
    count = len(points)
    d = f"M{points[0][0]:.1f} {points[0][1]:.1f}"
    for index in range(count):
        before, here = points[index - 1], points[index]
        there, after = points[(index + 1) % count], points[(index + 2) % count]
        c1 = (here[0] + (there[0] - before[0]) / 6, here[1] + (there[1] - before[1]) / 6)
        c2 = (there[0] - (after[0] - here[0]) / 6, there[1] - (after[1] - here[1]) / 6)
        d += f"C{c1[0]:.1f} {c1[1]:.1f} {c2[0]:.1f} {c2[1]:.1f} {there[0]:.1f} {there[1]:.1f}"
    return d + "z"


def footprint(parts: dict[str, Part], side: str, camera: Camera) -> dict[str, list]:
    """One foot's print as `camera` sees it: where its heel is, the sole's outline and the toes'
    (x, y, r), the foot's own size."""
    foot, toes = parts[f"{side}_foot"], parts[f"{side}_toes"]
    heel, big, little = (camera.project(point)[:2] for point in (foot.a, toes.a, toes.b))
    middle = ((big[0] + little[0]) / 2, (big[1] + little[1]) / 2)
    along = (middle[0] - heel[0], middle[1] - heel[1])
    reach = length(sub(scale(add(toes.a, toes.b), 0.5), foot.a))
    across = (-along[1], along[0])
    if across[0] * (big[0] - little[0]) + across[1] * (big[1] - little[1]) < 0:
        across = (along[1], -along[0])
    norm = math.hypot(*across) or 1.0
    across = (across[0] * reach / norm, across[1] * reach / norm)

    def at(u: float, v: float) -> tuple[float, float]:
        return (heel[0] + u * along[0] + v * across[0], heel[1] + u * along[1] + v * across[1])

    return {
        "heel": heel,
        "sole": [at(u, v) for u, v in SOLE],
        "toes": [(*at(u, v), r * reach) for u, v, r in TOES],
    }


def feet_from_above(
    keyed: dict[str, list[Part]], roles: dict[str, str], corner: tuple[float, float], width: float
) -> tuple[dict[str, str], float]:
    """Each keyframe's feet seen from straight above (the viewer's side at the bottom), drawn as
    footprints in a framed box whose top right corner is `corner`; and the box's height. Like
    footprints on a sketch, the feet are drawn larger than the gap between them, so their
    directions show."""
    above = Camera(pitch=90)
    margin, reach = 4, 0.114 * H  # reach: a foot's heel to its toes
    prints = {
        key: {side: footprint({p.name: p for p in parts}, side, above) for side in SIDES}
        for key, parts in keyed.items()
    }
    widest = max(
        abs(feet["left"]["heel"][0] - feet["right"]["heel"][0]) for feet in prints.values()
    )
    gap = FOOT_SPREAD * reach / (widest or 1.0)
    shapes = {}
    for key, feet in prints.items():
        shapes[key] = {}
        for side, foot in feet.items():
            # The heels brought nearer each other, each print kept its own size.
            dx, dy = (value * (gap - 1) for value in foot["heel"])
            shapes[key][side] = {
                "sole": [(x + dx, y + dy) for x, y in foot["sole"]],
                "toes": [(x + dx, y + dy, r) for x, y, r in foot["toes"]],
            }
    xs = [x for feet in shapes.values() for foot in feet.values() for x, _ in foot["sole"]]
    ys = [y for feet in shapes.values() for foot in feet.values() for _, y in foot["sole"]]
    for feet in shapes.values():
        for foot in feet.values():
            xs += [x + sign * r for x, _, r in foot["toes"] for sign in (-1, 1)]
            ys += [y + sign * r for _, y, r in foot["toes"] for sign in (-1, 1)]
    # Each print FOOT_LENGTH of the still's width, or less if the box would be too wide; the
    # box just holds them.
    size = FOOT_LENGTH * width / (1.3 * reach)
    size = min(size, (FOOT_BOX * width - 2 * margin) / (max(xs) - min(xs)))
    box_width = (max(xs) - min(xs)) * size + 2 * margin
    box_height = (max(ys) - min(ys)) * size + 2 * margin
    left, top = corner[0] - box_width - margin, corner[1] - box_height
    shift_x = left + margin - min(xs) * size
    shift_y = top + margin - min(ys) * size

    def at(x: float, y: float) -> tuple[float, float]:
        return x * size + shift_x, y * size + shift_y

    def drawn(feet: dict) -> str:
        paths = []
        for side in SIDES:
            sole = smooth_path([at(x, y) for x, y in feet[side]["sole"]])
            toes = "".join(
                capsule_path(*at(x, y), r * size, *at(x, y), r * size)
                for x, y, r in feet[side]["toes"]
            )
            paths += [
                f'<path fill="{FILL[roles[f"{side}_foot"]]}" d="{sole}"/>',
                f'<path fill="{FILL[roles[f"{side}_toes"]]}" d="{toes}"/>',
            ]
        return (
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{box_width:.1f}" '
            f'height="{box_height:.1f}" rx="3" fill="{FILL["floor"]}" stroke="{FILL["prop"]}"/>'
            + "".join(paths)
        )

    return {key: drawn(feet) for key, feet in shapes.items()}, box_height + margin


def bounds(frames) -> tuple[float, float, float, float]:
    """Left, right, top and bottom of every flat capsule (x1, y1, r1, x2, y2, r2) in `frames`."""
    ends = [
        (x + sign * r, y + sign * r)
        for frame in frames
        for x1, y1, r1, x2, y2, r2 in frame.values()
        for x, y, r in ((x1, y1, r1), (x2, y2, r2))
        for sign in (-1, 1)
    ]
    xs, ys = [x for x, _ in ends], [y for _, y in ends]
    return min(xs), max(xs), min(ys), max(ys)


LEG_PARTS = [
    f"{side}_{part}" for side in ("left", "right") for part in ("thigh", "shank", "foot", "toes")
]


def from_the_feet(parts: list[Part]) -> Camera:
    """A camera beyond the feet of a body lying on its back, looking down toward its head."""
    trunk = next(part for part in parts if part.name == "trunk")
    return Camera(yaw=90 if trunk.b[0] > trunk.a[0] else -90, pitch=60)


def legs_from_the_feet(
    keyed: dict[str, list[Part]], roles: dict[str, str], corner: tuple[float, float], width: float
) -> tuple[dict[str, str], float]:
    """Each keyframe's body without its arms, lying on its back, seen from beyond its feet
    and from above, drawn small in a framed box whose top right corner is `corner`; and the
    box's height. Seen side-on, one leg crossed over the other is a tangle; from the feet, the
    crossed shin lies across the upright one: the number 4."""
    names = ["head", "neck", "trunk", "pelvis", *LEG_PARTS]
    views, height, _ = small_view(
        keyed, roles, corner, 0.2 * width, from_the_feet(keyed["start"]), names
    )
    return views, height


def legs_from_above(
    keyed: dict[str, list[Part]], roles: dict[str, str], corner: tuple[float, float], width: float
) -> tuple[dict[str, str], float]:
    """Each keyframe's trunk, pelvis and legs of a body lying on its back, seen from straight
    above with the head at the top, in a framed box whose top right corner is `corner`; and the
    box's height. From above, a leg crossed over the other knee makes the number 4 on the mat,
    the crossed thigh out to the side and its shin back across; the box is a third of the
    still's width, since at a fifth the 4 was too small to read."""
    names = ["trunk", "pelvis", *LEG_PARTS]
    camera = from_above(keyed["start"])
    views, height, _ = small_view(keyed, roles, corner, 0.32 * width, camera, names)
    return views, height


def from_above(parts: list[Part]) -> Camera:
    """A camera straight above a body lying on its back, looking down, the head at the top:
    the view from the feet, raised until it looks straight down."""
    return dataclasses.replace(from_the_feet(parts), pitch=90)


def from_behind(parts: list[Part]) -> Camera:
    """A camera under a body lying on its back, looking up at its back, the head at the top."""
    trunk = next(part for part in parts if part.name == "trunk")
    return Camera(yaw=-90 if trunk.b[0] > trunk.a[0] else 90, pitch=-90)


BUTTOCK_PARTS = ["trunk", "pelvis", "left_thigh", "right_thigh", "left_buttock", "right_buttock"]
# Squeezed, each buttock is drawn this much nearer the other, this much longer toward the head
# and the feet (either way), and this thick: tight and pressed together, not round and loose.
SQUEEZED = (0.02 * H, 0.016 * H, 0.046 * H)
WAIST = 0.4  # how much of the trunk the view from behind shows: the small of the back


def from_behind_parts(parts: list[Part], squeeze: bool) -> list[Part]:
    """The parts the view from behind draws: the trunk cut to the small of the back, and the
    buttocks, tightened and pressed together when `squeeze`."""
    by_name = {part.name: part for part in parts}
    trunk, pelvis = by_name["trunk"], by_name["pelvis"]
    middle = scale(add(pelvis.a, pelvis.b), 0.5)
    up = unit(sub(trunk.a, middle))
    result = []
    for part in parts:
        if part.name == "trunk":
            part = dataclasses.replace(part, b=add(part.a, scale(sub(part.b, part.a), WAIST)))
        elif part.name.endswith("_buttock") and squeeze:
            inward, along, radius = SQUEEZED
            left = unit(sub(pelvis.a, pelvis.b))
            way = -math.copysign(1.0, dot(sub(part.a, middle), left))
            centre = add(part.a, scale(left, way * inward))
            part = dataclasses.replace(
                part,
                a=add(centre, scale(up, along)),
                b=add(centre, scale(up, -along)),
                ra=radius,
                rb=radius,
            )
        result.append(part)
    return result


def buttocks_from_behind(
    keyed: dict[str, list[Part]], roles: dict[str, str], corner: tuple[float, float], width: float
) -> tuple[dict[str, str], float]:
    """Each keyframe's small of the back, hips, buttocks and thighs of a body lying on its
    back, seen from behind (from under the bed, the head at the top), drawn small in a framed
    box whose top right corner is `corner`; on the hold's, the buttocks squeezed (narrower,
    pressed together, the cleft between them) with arrows pressing them in; and the box's
    height. Side-on, the buttocks are under the body, out of sight, and the review read two
    round balls alike in both stills as abstract."""
    keyed = {
        key: from_behind_parts(with_buttocks(parts), squeeze=key == "hold")
        for key, parts in keyed.items()
    }
    camera = from_behind(keyed["start"])
    # The buttocks are orange here whatever works: the picture is about them.
    roles = {**roles, "left_buttock": "work", "right_buttock": "work"}
    reach = BUTTOCK[0] + 0.1 * H  # how far out an arrow starts
    views, height, at = small_view(
        keyed, roles, corner, 0.36 * width, camera, BUTTOCK_PARTS, room=reach - BUTTOCK[0]
    )
    for key, parts in keyed.items():
        # The cleft between them, so the two balls read as a bottom seen from behind.
        by_name = {part.name: part for part in parts}
        ends = [
            camera.project(end)
            for side in ("left", "right")
            for end in (by_name[f"{side}_buttock"].a, by_name[f"{side}_buttock"].b)
        ]
        x, y = (sum(end[i] for end in ends) / len(ends) for i in (0, 1))
        # As long as they overlap: none where they only touch (relaxed, round and loose).
        radius, apart = by_name["left_buttock"].ra, abs(ends[0][0] - ends[2][0])
        half = math.sqrt(max(radius**2 - (apart / 2) ** 2, 0))
        half += abs(ends[0][1] - ends[1][1]) / 2
        if half < 0.3 * radius:
            continue
        top, bottom = y - half, y + half
        (x1, y1), (x2, y2) = at(x, top), at(x, bottom)
        views[key] += (
            f'<path fill="none" stroke="{FILL["face"]}" stroke-width="1.5" '
            f'd="M{x1:.1f} {y1:.1f}L{x2:.1f} {y2:.1f}"/>'
        )
    held = {part.name: part for part in keyed["hold"]}
    (lx, y, _), (rx, _, _) = (
        camera.project(scale(add(held[f"{side}_buttock"].a, held[f"{side}_buttock"].b), 0.5))
        for side in ("left", "right")
    )
    radius = held["left_buttock"].ra
    # Each arrow comes in from beyond its buttock's outer edge, toward the other buttock.
    for x, way in ((lx, math.copysign(1, lx - rx)), (rx, math.copysign(1, rx - lx))):
        views["hold"] += arrow_svg([at(x + way * reach, y), at(x + way * radius, y)])
    return views, height


def small_view(
    keyed: dict[str, list[Part]],
    roles: dict[str, str],
    corner: tuple[float, float],
    box_width: float,
    camera: Camera,
    names: list[str],
    room: float = 0.0,
) -> tuple[dict[str, str], float, Callable[[float, float], tuple[float, float]]]:
    """The named parts of each keyframe seen through `camera`, drawn small in a framed box
    (the mat's colour) whose top right corner is `corner`, with `room` to spare on either side;
    the box's height; and where a point seen through the camera is drawn in the box."""
    flats = {
        key: {part.name: flat(camera, part) for part in parts if part.name in names}
        for key, parts in keyed.items()
    }
    margin = 4
    low_x, high_x, low_y, high_y = bounds(flats.values())
    low_x, high_x = low_x - room, high_x + room
    size = (box_width - 2 * margin) / (high_x - low_x)
    box_height = (high_y - low_y) * size + 2 * margin
    left, top = corner[0] - box_width - margin, corner[1] - box_height
    depth = {
        name: (camera.project(part.a)[2] + camera.project(part.b)[2])
        for part in keyed["start"]
        if (name := part.name) in names
    }

    def at(x: float, y: float) -> tuple[float, float]:
        return left + margin + (x - low_x) * size, top + margin + (y - low_y) * size

    def placed(shape: tuple[float, ...]) -> tuple[float, ...]:
        x1, y1, r1, x2, y2, r2 = shape
        return (*at(x1, y1), r1 * size, *at(x2, y2), r2 * size)

    def drawn(frame: dict) -> str:
        parts = "".join(
            f'<path fill="{FILL[roles[name]]}" d="{capsule_path(*placed(frame[name]))}"/>'
            for name in sorted(names, key=depth.__getitem__)
        )
        return (
            f'<rect x="{left:.1f}" y="{top:.1f}" width="{box_width:.1f}" '
            f'height="{box_height:.1f}" rx="3" fill="{FILL["mat"]}" stroke="{FILL["prop"]}"/>'
            + parts
        )

    return {key: drawn(frame) for key, frame in flats.items()}, box_height + margin, at


INSETS = {
    "feet": feet_from_above,
    "legs": legs_from_the_feet,
    "legs-above": legs_from_above,
    "buttocks": buttocks_from_behind,
}
INSET_LABEL_HEIGHT = 12


def inset_label(kind: str) -> str:
    """What a small view shows, in the active language, as its label says."""
    return {
        "feet": pgettext("small view in an exercise figure", "Feet, from above"),
        "legs": pgettext("small view in an exercise figure", "Legs, from the feet"),
        "legs-above": pgettext("small view in an exercise figure", "Legs, from above"),
        "buttocks": pgettext("small view in an exercise figure", "Buttocks, from below"),
    }[kind]


def arrow_paths(figure: dict, movement: list[list[Part]]) -> list[tuple[str, list[Vec], Vec]]:
    """Each arrow prop's still, its way (the point it follows, frame by frame from its still to
    the next one shown; on the hold's, into the hold from the middle pose if there is one)
    and how far beside that way to draw it."""
    result = []
    for prop in figure.get("props", []):
        if prop["kind"] != "arrow":
            continue
        still = prop.get("on", "start")
        way = movement
        if still == "start" and "middle" in own_labels(figure):
            way = movement[: IN_BETWEENS + 1]
        elif still != "start" and "middle" in figure:
            way = movement[IN_BETWEENS:]
        path = [contact_point(prop["follows"], {p.name: p for p in parts}) for parts in way]
        # A small move (the hips going forward a hand's width) gets a longer arrow, to be seen.
        stretch = float(prop.get("stretch", 1))
        path = [add(path[0], scale(sub(point, path[0]), stretch)) for point in path]
        offset = tuple([*map(float, prop.get("offset", [0, 0, 0])), 0, 0, 0][:3])
        result.append((still, path, offset))
    return result


def squeeze_paths(centre: Vec, radius: float) -> list[list[tuple[float, float]]]:
    """Short strokes on screen fanning out above the part, a hand's breadth from its edge: the
    drawn sign of a muscle working hard. Arrows pointing in at it read as pressing the legs
    together."""
    x, y, _ = centre
    inner, outer = radius + 0.03 * H, radius + 0.08 * H
    return [
        [
            (x + inner * math.cos(angle), y - inner * math.sin(angle)),
            (x + outer * math.cos(angle), y - outer * math.sin(angle)),
        ]
        for angle in (math.radians(degrees) for degrees in (35, 90, 145))
    ]


def tuck_path(centre: Vec, radius: float, front: Vec) -> list[tuple[float, float]]:
    """A curved arrow on screen round the front of the part, from below it to above it: the
    front of the pelvis turning up (its back down), as in a pelvic tuck."""
    x, y, _ = centre
    reach = radius + 0.04 * H
    facing = math.atan2(front[1], front[0])
    # Screen y points down: going round by increasing angle lifts a front that faces left.
    way = -1.0 if math.cos(facing) > 0 else 1.0
    angles = [facing + way * math.radians(degrees) for degrees in range(-60, 55, 10)]
    return [(x + reach * math.cos(a), y + reach * math.sin(a)) for a in angles]


def arrow_path(points: list[Vec]) -> list[tuple[float, float]]:
    """The arrow on screen, shortened a little at both ends so it points at the part."""
    flat_points = [(x, y) for x, y, _ in points]
    total = sum(math.dist(a, b) for a, b in itertools.pairwise(flat_points))
    trim = min(ARROW_TRIM, total / 8)
    return trimmed(trimmed(flat_points, trim)[::-1], trim)[::-1]


ARROW_TRIM = 0.03 * H


def trimmed(points: list[tuple[float, float]], by: float) -> list[tuple[float, float]]:
    """The polyline with `by` taken off its far end."""
    while len(points) > 2 and math.dist(points[-1], points[-2]) <= by:
        by -= math.dist(points[-1], points[-2])
        points = points[:-1]
    (ax, ay), (bx, by_) = points[-2], points[-1]
    d = math.dist(points[-2], points[-1]) or 1.0
    k = max(0.0, (d - by) / d)
    return [*points[:-1], (ax + (bx - ax) * k, ay + (by_ - ay) * k)]


def stroke_svg(points: list[tuple[float, float]]) -> str:
    line = "M" + "L".join(f"{x:.1f} {y:.1f}" for x, y in points)
    return (
        f'<path fill="none" stroke="{FILL["arrow"]}" stroke-width="2.5" stroke-linecap="round" '
        f'd="{line}"/>'
    )


def arrow_svg(points: list[tuple[float, float]]) -> str:
    """A motion arrow: a line along the way and a head at its end."""
    (ax, ay), (bx, by) = points[-2], points[-1]
    angle = math.atan2(by - ay, bx - ax)
    size = 0.05 * H
    head = [
        (bx + size * 0.35 * math.cos(angle), by + size * 0.35 * math.sin(angle)),
        (bx + size * math.cos(angle + 2.6), by + size * math.sin(angle + 2.6)),
        (bx + size * math.cos(angle - 2.6), by + size * math.sin(angle - 2.6)),
    ]
    corners = " ".join(f"{x:.1f},{y:.1f}" for x, y in head)
    return stroke_svg(points) + f'<polygon fill="{FILL["arrow"]}" points="{corners}"/>'


# SVG documents --------------------------------------------------------------------------------


def side_shown(figure: dict) -> str | None:
    """The side of the body the picture shows at work: "left", or None for both at once."""
    working = figure.get("working", "none")
    return "left" if working.startswith("left") or figure.get("side") == "left" else None


def side_sentence(figure: dict, each_side: bool) -> str:
    working = figure.get("working", "none")
    if working == "none":
        text = ""
    elif working == "both legs":
        text = gettext("The legs, in orange, do the work.")
    elif working == "buttocks":
        text = gettext("The buttocks, in orange, do the work.")
    elif working == "left side":
        text = gettext("The picture shows the left side working, in orange.")
    elif working == "left arm":
        text = gettext("The picture shows the left arm working, in orange.")
    else:
        text = gettext("The picture shows the left leg working, in orange.")
    if each_side and side_shown(figure) == "left":
        if working == "both legs":
            text = gettext("The picture shows the left side; the legs, in orange, do the work.")
        text += " " + gettext("For the right side, do the mirror image.")
    return text


def render(
    figure: dict,
    *,
    slug: str,
    name: str,
    description: str,
    each_side: bool,
    has_hold: bool,
    label_words: dict[str, str] | None = None,
) -> tuple[str, str]:
    """The figure's two SVG documents: the stills (start and hold side by side, for cards, the
    routine sheet, print and reduced motion) and the live figure (drawn once, its movement as
    data for figure.js, mirrored by it for the right side). Their words are in the active
    language; `label_words` gives the poses' own labels in it (English label → its words)."""
    check_figure(figure)
    drawing = draw(figure)
    x, y, w, h = drawing.view_box
    words = escape(" ".join(filter(None, [description, side_sentence(figure, each_side)])))
    labels = panel_labels(figure, has_hold, label_words)
    spacing = 8

    # A small view is named, since the blind checks read one from behind or from above as a
    # second person, or as a box of shapes.
    inset_words = (
        words_svg(*drawing.inset_label_at, inset_label(figure["inset"]), size=9, anchor="end")
        if drawing.inset_label_at
        else ""
    )

    def panel(offset: float, label: str, body: str) -> str:
        # Each still in a viewport of its own, so a prop reaching past it is cut at its edge
        # instead of drawing over the next one; hidden, as the whole picture has its words.
        return (
            f'<svg aria-hidden="true" x="{x + offset:.1f}" y="{y:.1f}" width="{w:.1f}" '
            f'height="{h:.1f}" '
            f'viewBox="{x:.1f} {y:.1f} {w:.1f} {h:.1f}">{drawing.props}{body}'
            f"{words_svg(x + 4, y + 13, label, size=12)}</svg>"
        )

    panels = "".join(
        panel(
            index * (w + spacing),
            label,
            drawing.stills[key]
            + drawing.arrows.get(key, "")
            + (drawing.squeezes + drawing.tucks if key == "hold" else "")
            + (drawing.insets[key] + inset_words if key in drawing.insets else ""),
        )
        for index, (key, label) in enumerate(labels.items())
    )
    title = (
        gettext("%(name)s: how to start, and the position to hold") % {"name": name}
        if shows_start_and_hold(figure, has_hold)
        else f"{name}: {', '.join(labels.values())}"
    )

    def heading(suffix: str, title: str) -> str:
        # The title names the image (SVG-AAM); the desc, by id, describes it. An id in
        # aria-labelledby would make the words a label for finding controls by.
        ids = f"figure-{slug}-{suffix}"
        return (
            f'role="img" aria-describedby="{ids}-desc"><title id="{ids}-title">{escape(title)}'
            f'</title><desc id="{ids}-desc">{words}</desc>'
        )

    stills = (
        f'<svg class="figure-stills" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{x:.1f} {y:.1f} {len(labels) * (w + spacing) - spacing:.1f} {h:.1f}" '
        + heading("stills", title)
        + panels
        + "</svg>"
    )
    # Plain numbers, so the frames sit in an attribute with nothing to escape.
    frames_text = json.dumps(drawing.frame_data, separators=(",", ":"))
    live = (
        f'<svg class="figure-live" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="{x:.1f} {y:.1f} {w:.1f} {h:.1f}" data-figure-live '
        f'data-mirror="translate({2 * x + w:.1f} 0) scale(-1 1)" '
        f'data-move-ms="{int(figure.get("move_seconds", 2) * 1000)}" data-frames="{frames_text}" '
        + heading("live", gettext("%(name)s: the movement") % {"name": name})
        + f"<g data-figure-body>{drawing.props}{drawing.live}</g></svg>"
    )
    return stills, live


def words_svg(x: float, y: float, words: str, *, size: int, anchor: str = "start") -> str:
    """A label in a still: `words` with its baseline at `y`, starting (or ending) at `x`."""
    anchored = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{anchored} '
        f'font-family="system-ui, sans-serif" fill="#4a5d61">{escape(words)}</text>'
    )


def own_labels(figure: dict) -> dict[str, str]:
    """The stills shown, by keyframe, with the label their pose gives them ("" for none): the
    start and the hold, and the middle when it has a label of its own."""
    return {
        key: figure[key].get("label", "")
        for key in KEYFRAMES
        if key in figure and (key != "middle" or figure[key].get("label"))
    }


def shows_start_and_hold(figure: dict, has_hold: bool) -> bool:
    return has_hold and not any(own_labels(figure).values()) and len(own_labels(figure)) == 2


def panel_labels(
    figure: dict, has_hold: bool, label_words: dict[str, str] | None = None
) -> dict[str, str]:
    """The stills shown, by keyframe, with their labels in the active language. A pose's
    `label` says what it is ("Sit", "Walk"), `label_words` gives its words in this language;
    a pose without one is the start, the hold, or what comes next."""
    defaults = {
        "start": pgettext("still of an exercise figure", "Start"),
        "hold": pgettext("still of an exercise figure", "Hold")
        if has_hold
        else pgettext("still of an exercise figure", "Then"),
    }
    words = label_words or {}
    return {
        key: words.get(label, label) if label else defaults[key]
        for key, label in own_labels(figure).items()
    }


def stills_caption(figure: dict, has_hold: bool, label_words: dict[str, str] | None = None) -> str:
    """What the stills show, in the order they stand, for the words under them."""
    if not any(own_labels(figure).values()) and len(own_labels(figure)) == 2:
        if has_hold:
            caption = gettext("Left: how to start. Right: the position to hold.")
        else:
            caption = gettext("Left: how to start. Right: the movement.")
    else:
        labels = panel_labels(figure, has_hold, label_words).values()
        caption = gettext("Left to right: %(labels)s.") % {"labels": ", ".join(labels)}
    if figure.get("ghost"):
        caption += " " + gettext("The pale outline shows where the legs were at the start.")
    return caption


def render_for(exercise) -> tuple[str, str]:
    """`render` for an Exercise (or a migration's historical one)."""
    return render(
        exercise.figure,
        slug=exercise.slug,
        name=exercise.name,
        description=exercise.illustration_alt,
        each_side=exercise.each_side,
        has_hold=bool(exercise.hold_seconds),
        label_words=label_words_of(exercise),
    )


def label_words_of(exercise) -> dict[str, str]:
    """The exercise's pose labels in the active language (a migration's historical exercise
    may have none)."""
    translations = getattr(exercise, "figure_label_translations", None) or {}
    return translations.get(get_language(), {})
