"""The role pack's scorecard and interview kit, as Lever feedback templates and Greenhouse set-up.

Lever (API "Feedback templates" and "Form fields", hire.lever.co/developer/documentation, read
2026-12-04) creates feedback templates through ``POST /v1/feedback_templates``: a name, the
instructions and the fields, exactly one of them the ``score-system`` overall rating (Lever's
fixed 1–4, Strong Hire to Strong No Hire). A template cannot be attached to a posting or an
interview stage through the API: that is done in Lever. Greenhouse's Harvest API writes no
scorecard attribute, interview plan or interview kit (they come from a template job or are set
up in Greenhouse), so its part is a documented JSON to enter by hand.
"""

from __future__ import annotations

from typing import Any

from jdgen.ats.model import ApiRequest
from jdgen.decide.pack_results import CompetencyGuide, InterviewKit, Scorecard, Stage

LEVER_TEMPLATES = "https://api.lever.co/v1/feedback_templates"
OVERALL = {"type": "score-system", "text": "Overall recommendation", "required": True}


def lever_feedback_templates(kit: InterviewKit) -> tuple[ApiRequest, ...]:
    """One feedback template per interview of the plan that rates competencies, the work sample, the references."""
    guides = {guide.title: guide for guide in kit.competencies}
    bodies = [_stage_template(kit, stage, guides) for stage in kit.stages if any(t in guides for t in stage.focus)]
    bodies.append(_work_sample_template(kit))
    if kit.references:
        bodies.append(_references_template(kit))
    return tuple(
        ApiRequest(
            name=f"create the feedback template {body['text']!r}",
            method="POST",
            url=LEVER_TEMPLATES,
            content_type="application/json",
            body=body,
            schema_name="lever-feedback-template",
        )
        for body in bodies
    )


def _stage_template(kit: InterviewKit, stage: Stage, guides: dict[str, CompetencyGuide]) -> dict[str, Any]:
    fields: list[dict[str, Any]] = []
    for title in stage.focus:
        guide = guides.get(title)
        if guide is None:
            continue
        for question in guide.questions:
            fields.append(
                {
                    "type": "textarea",
                    "text": question.ask,
                    "description": f"Strong: {question.strong} Weak: {question.weak}",
                    "required": False,
                }
            )
        fields.append(_rating(guide.title, guide.anchors))
    return {
        "text": f"{kit.role.title}: {stage.name}",
        "instructions": _instructions(stage),
        "fields": [*fields, OVERALL],
    }


def _work_sample_template(kit: InterviewKit) -> dict[str, Any]:
    sample = kit.work_sample
    asks = "; ".join(sample.asks)
    return {
        "text": f"{kit.role.title}: Work sample",
        "instructions": f"{sample.brief} Raters: {', '.join(sample.raters)}. The plan must cover: {asks}.",
        "fields": [
            {"type": "textarea", "text": "What the plan gets right, and what it misses", "required": False},
            _rating("The plan", sample.anchors),
            OVERALL,
        ],
    }


def _references_template(kit: InterviewKit) -> dict[str, Any]:
    return {
        "text": f"{kit.role.title}: Reference checks",
        "instructions": "Ask each question open; never lead the referee.",
        "fields": [
            *(
                {"type": "textarea", "text": check.ask, "description": check.block_title, "required": False}
                for check in kit.references
            ),
            OVERALL,
        ],
    }


def _rating(title: str, anchors: Any) -> dict[str, Any]:
    """A 1–5 rating as a multiple-choice field: the anchored scores described, the others bare."""
    described = {anchor.score: anchor.text for anchor in anchors}
    options = [{"text": f"{n} – {described[n]}" if n in described else str(n)} for n in range(1, 6)]
    return {"type": "multiple-choice", "text": f"{title}: rating (1–5)", "required": True, "options": options}


def _instructions(stage: Stage) -> str:
    rated = ", ".join(stage.focus)
    return f"{stage.purpose} Interviewers: {', '.join(stage.interviewers)}. Rate: {rated}."


def greenhouse_by_hand(scorecard: Scorecard, kit: InterviewKit) -> dict[str, Any]:
    """The scorecard attributes and the interview plan with its kits, as Greenhouse's set-up screens ask for them."""
    guides = {guide.title: guide for guide in kit.competencies}
    return {
        "scorecard": {
            "categories": [
                {
                    "name": "Competencies",
                    "attributes": [
                        {"name": c.title, "note": f"{c.description} A 5: {c.strong}"} for c in scorecard.competencies
                    ],
                },
                {
                    "name": "First-year outcomes",
                    "attributes": [{"name": o.text, "note": f"Measured by: {o.measure}"} for o in scorecard.outcomes],
                },
            ]
        },
        "interview_plan": [
            {
                "stage": stage.name,
                "interviewers": list(stage.interviewers),
                "focus_attributes": list(stage.focus),
                "kit": {
                    "prep": stage.purpose,
                    "questions": [
                        {"competency": title, "question": q.ask, "strong": q.strong, "weak": q.weak}
                        for title in stage.focus
                        if title in guides
                        for q in guides[title].questions
                    ],
                    "ratings": {
                        title: {str(a.score): a.text for a in guides[title].anchors}
                        for title in stage.focus
                        if title in guides
                    },
                },
            }
            for stage in kit.stages
        ],
        "reference_questions": [check.ask for check in kit.references],
    }
