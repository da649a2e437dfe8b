//! Illustrative agreements: one seed row each, dates as offsets from today, with a
//! status history walked from `proposed` to the current status.

use super::{Ctx, Mark, OFFICIAL, OFFICIAL_SENSITIVE, SECRET, SECRET_UKEO, TOP_SECRET};
use crate::domain::AgreementKind::{self, *};
use crate::domain::AgreementStatus::{self, *};
use crate::domain::ContestStrand::{self, *};
use crate::storage::partners::HOME;
use sqlx::SqliteConnection;
use std::collections::HashMap;

/// How an agreement relates to an earlier one (named by seed key).
#[derive(Debug, Clone, Copy)]
pub(super) enum Link {
    None,
    Supersedes(&'static str),
    Amends(&'static str),
}

pub(super) struct Seed {
    /// `{prefix}-{seq}`, stored as `ILLUS-{prefix}-{year}-{seq}` where the year is the
    /// year it was signed (or proposed), so references agree with the dates.
    pub key: &'static str,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub binding: bool,
    /// Partner parties; the UK is added to every agreement.
    pub parties: &'static [&'static str],
    /// Lead department, by uk_bodies short name.
    pub lead: &'static str,
    pub owner: &'static str,
    pub title: &'static str,
    pub summary: &'static str,
    pub strands: &'static [ContestStrand],
    pub tags: &'static str,
    pub funding: Option<i64>,
    pub mark: Mark,
    /// Days ago it was signed or, if never signed, first proposed.
    pub age: i64,
    /// Days from today to expiry (negative: already passed).
    pub expires: Option<i64>,
    /// Days from today to the next review (negative: overdue).
    pub review: Option<i64>,
    pub link: Link,
}

/// Seeds are ordered so that an agreement is listed after any it supersedes or amends.
#[rustfmt::skip]
const SEEDS: &[Seed] = &[
    Seed { key: "FR-001", kind: JointActionPlan, status: Superseded, binding: false, parties: &["FR"], lead: "HO", owner: "Channel Policy Team",
        title: "UK–France joint action plan on Channel crossings (first edition)", summary: "An early joint plan for patrols and information exchange on the northern French coast.",
        strands: &[Protect, Pursue], tags: r#"["channel","maritime"]"#, funding: Some(40_000_000), mark: OFFICIAL, age: 2400, expires: None, review: None, link: Link::None },
    Seed { key: "FR-002", kind: LawEnforcementCooperation, status: InForce, binding: true, parties: &["FR"], lead: "BSC", owner: "Channel Policy Team",
        title: "UK–France Channel cooperation arrangement", summary: "Replaces the first joint plan with joint patrols, a shared command centre and funded surveillance.",
        strands: &[Protect, Pursue, Prepare], tags: r#"["channel","maritime","surveillance"]"#, funding: Some(150_000_000), mark: OFFICIAL_SENSITIVE, age: 900, expires: Some(400), review: Some(12), link: Link::Supersedes("FR-001") },
    Seed { key: "FR-003", kind: Other, status: InForce, binding: true, parties: &["FR"], lead: "BSC", owner: "Channel Policy Team",
        title: "Amendment to the UK–France Channel cooperation arrangement: maritime surveillance", summary: "Adds drone and aircraft surveillance to the Channel arrangement and extends its funding.",
        strands: &[Protect], tags: r#"["channel","surveillance","amendment"]"#, funding: Some(30_000_000), mark: OFFICIAL_SENSITIVE, age: 300, expires: Some(400), review: Some(-10), link: Link::Amends("FR-002") },
    Seed { key: "FR-004", kind: ReturnsArrangement, status: InForce, binding: false, parties: &["FR"], lead: "IE", owner: "Returns Policy Team",
        title: "UK–France returns pilot arrangement", summary: "A time-limited pilot for the return of people arriving by small boat, in exchange for accepting referrals.",
        strands: &[Prevent, Pursue], tags: r#"["returns","pilot","channel"]"#, funding: None, mark: OFFICIAL_SENSITIVE, age: 200, expires: Some(45), review: Some(8), link: Link::None },
    Seed { key: "FR-005", kind: LawEnforcementCooperation, status: InForce, binding: false, parties: &["FR"], lead: "NCA", owner: "Organised Immigration Crime Unit",
        title: "UK–France joint intelligence cell arrangement", summary: "Co-locates investigators to target the networks organising Channel crossings.",
        strands: &[Pursue], tags: r#"["intelligence","channel","organised-crime"]"#, funding: Some(6_000_000), mark: TOP_SECRET, age: 350, expires: Some(365), review: Some(19), link: Link::None },
    Seed { key: "BE-001", kind: LawEnforcementCooperation, status: InForce, binding: false, parties: &["BE"], lead: "NCA", owner: "Organised Immigration Crime Unit",
        title: "UK–Belgium cooperation on small-boat supply chains", summary: "Joint work to disrupt the purchase and storage of boats and engines used for crossings.",
        strands: &[Pursue, Protect], tags: r#"["supply-chain","channel"]"#, funding: None, mark: SECRET, age: 1100, expires: Some(70), review: Some(25), link: Link::None },
    Seed { key: "NL-001", kind: MemorandumOfUnderstanding, status: InForce, binding: false, parties: &["NL"], lead: "NCA", owner: "Organised Immigration Crime Unit",
        title: "UK–Netherlands memorandum on organised immigration crime", summary: "Sets out how the two sides share leads and coordinate investigations.",
        strands: &[Pursue], tags: r#"["organised-crime","intelligence"]"#, funding: None, mark: OFFICIAL, age: 700, expires: None, review: Some(-30), link: Link::None },
    Seed { key: "DE-001", kind: JointActionPlan, status: InForce, binding: false, parties: &["DE"], lead: "HMRC", owner: "Supply Chain Disruption Team",
        title: "UK–Germany joint action plan on smuggling supply routes", summary: "Customs and police steps against the movement of boats and engines towards the Channel coast.",
        strands: &[Pursue, Prevent], tags: r#"["supply-chain","customs"]"#, funding: None, mark: OFFICIAL_SENSITIVE, age: 500, expires: None, review: Some(15), link: Link::None },
    Seed { key: "LY-001", kind: ReturnsArrangement, status: InForce, binding: false, parties: &["LY"], lead: "HO", owner: "Returns Policy Team",
        title: "UK–Libya returns and reintegration arrangement", summary: "Procedures for documented returns with UK-funded reintegration support.",
        strands: &[Pursue, Prepare], tags: r#"["returns","reintegration"]"#, funding: Some(4_500_000), mark: OFFICIAL_SENSITIVE, age: 400, expires: Some(80), review: Some(20), link: Link::None },
    Seed { key: "LY-002", kind: CapacityBuildingProgramme, status: Suspended, binding: false, parties: &["LY"], lead: "FCDO", owner: "North Africa Migration Team",
        title: "UK–Libya coastguard capacity-building programme", summary: "Training and equipment for search and rescue, paused while a human-rights review is completed.",
        strands: &[Protect, Prepare], tags: r#"["maritime","training","search-and-rescue"]"#, funding: Some(8_000_000), mark: SECRET, age: 300, expires: Some(700), review: Some(-5), link: Link::None },
    Seed { key: "LY-003", kind: MemorandumOfUnderstanding, status: Negotiating, binding: false, parties: &["LY"], lead: "FCDO", owner: "North Africa Migration Team",
        title: "UK–Libya memorandum on migrant protection", summary: "Draft terms on access for protection agencies to people intercepted at sea.",
        strands: &[Prevent, Prepare], tags: r#"["protection","human-rights"]"#, funding: None, mark: OFFICIAL_SENSITIVE, age: 150, expires: None, review: Some(30), link: Link::None },
    Seed { key: "MA-001", kind: StatementOfIntent, status: InForce, binding: false, parties: &["MA"], lead: "FCDO", owner: "North Africa Migration Team",
        title: "UK–Morocco statement of intent on a migration partnership", summary: "Political commitment to cooperate on returns, border management and legal routes.",
        strands: &[Prevent, Protect], tags: r#"["partnership","returns"]"#, funding: None, mark: OFFICIAL, age: 800, expires: None, review: Some(40), link: Link::None },
    Seed { key: "MA-002", kind: CapacityBuildingProgramme, status: InForce, binding: false, parties: &["MA"], lead: "BF", owner: "Overseas Capability Team",
        title: "UK–Morocco border-management capacity-building programme", summary: "Equipment and mentoring for document examination at northern ports.",
        strands: &[Protect], tags: r#"["border-management","training"]"#, funding: Some(12_000_000), mark: OFFICIAL, age: 450, expires: Some(500), review: Some(5), link: Link::None },
    Seed { key: "MA-003", kind: Treaty, status: Negotiating, binding: true, parties: &["MA"], lead: "HO", owner: "Returns Policy Team",
        title: "UK–Morocco readmission treaty", summary: "A draft binding text on the readmission of nationals and the evidence each side accepts.",
        strands: &[Pursue], tags: r#"["returns","readmission"]"#, funding: None, mark: OFFICIAL_SENSITIVE, age: 320, expires: None, review: Some(26), link: Link::None },
    Seed { key: "AL-001", kind: ReturnsArrangement, status: Expired, binding: true, parties: &["AL"], lead: "HO", owner: "Returns Policy Team",
        title: "UK–Albania readmission arrangement (earlier text)", summary: "An earlier readmission text that ran to the end of its term.",
        strands: &[Pursue], tags: r#"["returns","readmission"]"#, funding: None, mark: OFFICIAL, age: 2000, expires: Some(-300), review: None, link: Link::None },
    Seed { key: "AL-002", kind: ReturnsArrangement, status: InForce, binding: true, parties: &["AL"], lead: "IE", owner: "Returns Policy Team",
        title: "UK–Albania returns arrangement", summary: "Fast-track returns of Albanian nationals with no right to remain, with verification within set days.",
        strands: &[Pursue, Prevent], tags: r#"["returns","fast-track"]"#, funding: None, mark: OFFICIAL, age: 1200, expires: None, review: Some(-45), link: Link::None },
    Seed { key: "AL-003", kind: StatementOfIntent, status: InForce, binding: false, parties: &["AL"], lead: "NCA", owner: "Organised Immigration Crime Unit",
        title: "UK–Albania statement of intent on organised crime", summary: "Shared priorities against the gangs recruiting people for irregular journeys.",
        strands: &[Pursue, Prevent], tags: r#"["organised-crime","communications"]"#, funding: Some(2_000_000), mark: SECRET, age: 950, expires: None, review: Some(60), link: Link::None },
    Seed { key: "TR-001", kind: StatementOfIntent, status: Superseded, binding: false, parties: &["TR"], lead: "HO", owner: "Eastern Mediterranean Team",
        title: "UK–Türkiye statement on irregular migration", summary: "A first statement of shared aims, later replaced by a joint action plan.",
        strands: &[Prevent], tags: r#"["partnership"]"#, funding: None, mark: OFFICIAL, age: 1500, expires: None, review: None, link: Link::None },
    Seed { key: "TR-002", kind: JointActionPlan, status: InForce, binding: false, parties: &["TR"], lead: "HO", owner: "Eastern Mediterranean Team",
        title: "UK–Türkiye joint action plan on irregular migration", summary: "Steps on departures, smuggling networks and support for people in transit.",
        strands: &[Prevent, Pursue, Protect], tags: r#"["departures","organised-crime"]"#, funding: Some(9_000_000), mark: OFFICIAL_SENSITIVE, age: 750, expires: None, review: Some(10), link: Link::Supersedes("TR-001") },
    Seed { key: "TR-003", kind: LawEnforcementCooperation, status: Signed, binding: false, parties: &["TR"], lead: "NCA", owner: "Organised Immigration Crime Unit",
        title: "UK–Türkiye law-enforcement cooperation on smuggling networks", summary: "Signed, awaiting completion of domestic procedures before it takes effect.",
        strands: &[Pursue], tags: r#"["organised-crime","intelligence"]"#, funding: None, mark: SECRET, age: 90, expires: None, review: Some(28), link: Link::None },
    Seed { key: "IQ-001", kind: MemorandumOfUnderstanding, status: InForce, binding: false, parties: &["IQ"], lead: "HO", owner: "Returns Policy Team",
        title: "UK–Iraq memorandum on returns", summary: "How returns are documented and received, and the support offered on arrival.",
        strands: &[Pursue, Prepare], tags: r#"["returns","documentation"]"#, funding: Some(3_000_000), mark: OFFICIAL_SENSITIVE, age: 1000, expires: None, review: Some(-60), link: Link::None },
    Seed { key: "IQ-002", kind: CapacityBuildingProgramme, status: Proposed, binding: false, parties: &["IQ"], lead: "FCDO", owner: "Middle East Migration Team",
        title: "UK–Iraq anti-smuggling capacity-building programme", summary: "A proposed programme of investigator training and equipment.",
        strands: &[Pursue, Prepare], tags: r#"["training","organised-crime"]"#, funding: Some(5_000_000), mark: OFFICIAL, age: 60, expires: None, review: Some(35), link: Link::None },
    Seed { key: "VN-001", kind: MemorandumOfUnderstanding, status: InForce, binding: false, parties: &["VN"], lead: "HO", owner: "Asia Migration Team",
        title: "UK–Vietnam memorandum on returns and modern slavery", summary: "Covers returns, victim identification and prosecutions for trafficking.",
        strands: &[Pursue, Prevent, Prepare], tags: r#"["returns","modern-slavery"]"#, funding: None, mark: OFFICIAL, age: 1500, expires: None, review: Some(3), link: Link::None },
    Seed { key: "VN-002", kind: Other, status: Signed, binding: false, parties: &["VN"], lead: "FCDO", owner: "Asia Migration Team",
        title: "UK–Vietnam communications partnership on risky journeys", summary: "Joint campaigns in source provinces on the dangers and costs of irregular journeys.",
        strands: &[Prevent], tags: r#"["communications"]"#, funding: Some(750_000), mark: OFFICIAL, age: 40, expires: None, review: Some(50), link: Link::None },
    Seed { key: "EG-001", kind: CapacityBuildingProgramme, status: Expired, binding: false, parties: &["EG"], lead: "BF", owner: "Overseas Capability Team",
        title: "UK–Egypt border-security training programme (phase 1)", summary: "A completed programme of border-security training.",
        strands: &[Protect], tags: r#"["training","border-management"]"#, funding: Some(3_000_000), mark: OFFICIAL, age: 1400, expires: Some(-120), review: None, link: Link::None },
    Seed { key: "EG-002", kind: StatementOfIntent, status: InForce, binding: false, parties: &["EG"], lead: "FCDO", owner: "North Africa Migration Team",
        title: "UK–Egypt statement of intent on a migration dialogue", summary: "Annual dialogue on departures, returns and support for refugees hosted in Egypt.",
        strands: &[Prevent, Prepare], tags: r#"["dialogue","protection"]"#, funding: None, mark: OFFICIAL, age: 520, expires: None, review: Some(18), link: Link::None },
    Seed { key: "TN-001", kind: JointActionPlan, status: Suspended, binding: false, parties: &["TN"], lead: "FCDO", owner: "North Africa Migration Team",
        title: "UK–Tunisia joint action plan on departures", summary: "Suspended while concerns about the treatment of migrants are examined.",
        strands: &[Protect, Prevent], tags: r#"["departures","human-rights"]"#, funding: Some(2_500_000), mark: OFFICIAL_SENSITIVE, age: 480, expires: None, review: Some(-20), link: Link::None },
    Seed { key: "NG-001", kind: Treaty, status: InForce, binding: true, parties: &["NG"], lead: "HO", owner: "Returns Policy Team",
        title: "UK–Nigeria migration and returns treaty", summary: "A binding framework for returns, document checks and legal migration.",
        strands: &[Pursue, Prepare], tags: r#"["returns","legal-routes"]"#, funding: None, mark: OFFICIAL, age: 2200, expires: Some(30), review: Some(14), link: Link::None },
    Seed { key: "NG-002", kind: MemorandumOfUnderstanding, status: Negotiating, binding: false, parties: &["NG"], lead: "IE", owner: "Returns Policy Team",
        title: "UK–Nigeria memorandum on document verification", summary: "Draft terms for electronic verification of identity documents.",
        strands: &[Protect], tags: r#"["documentation","identity"]"#, funding: None, mark: OFFICIAL, age: 200, expires: None, review: Some(-7), link: Link::None },
    Seed { key: "IT-001", kind: MemorandumOfUnderstanding, status: InForce, binding: false, parties: &["IT"], lead: "FCDO", owner: "Europe Migration Team",
        title: "UK–Italy memorandum on Central Mediterranean cooperation", summary: "Coordination on departures from North Africa and onward movement.",
        strands: &[Protect, Prepare], tags: r#"["central-mediterranean","maritime"]"#, funding: None, mark: OFFICIAL, age: 650, expires: None, review: Some(27), link: Link::None },
    Seed { key: "GR-001", kind: LawEnforcementCooperation, status: InForce, binding: false, parties: &["GR"], lead: "NCA", owner: "Organised Immigration Crime Unit",
        title: "UK–Greece law-enforcement cooperation arrangement", summary: "Joint investigations into networks moving people through the Aegean.",
        strands: &[Pursue], tags: r#"["organised-crime","eastern-mediterranean"]"#, funding: None, mark: SECRET_UKEO, age: 420, expires: None, review: Some(35), link: Link::None },
    Seed { key: "BG-001", kind: CapacityBuildingProgramme, status: Terminated, binding: false, parties: &["BG"], lead: "BF", owner: "Overseas Capability Team",
        title: "UK–Bulgaria border-equipment programme", summary: "Ended early by mutual consent when the equipment was funded from other sources.",
        strands: &[Protect], tags: r#"["border-management","equipment"]"#, funding: Some(1_800_000), mark: OFFICIAL, age: 1000, expires: Some(200), review: None, link: Link::None },
    Seed { key: "RS-001", kind: JointActionPlan, status: InForce, binding: false, parties: &["RS"], lead: "NCA", owner: "Western Balkans Team",
        title: "UK–Serbia joint action plan on the Balkan route", summary: "Checks on onward movement and joint work against smuggling groups.",
        strands: &[Pursue, Protect], tags: r#"["western-balkans","organised-crime"]"#, funding: None, mark: OFFICIAL, age: 600, expires: None, review: Some(-15), link: Link::None },
    Seed { key: "IN-001", kind: MemorandumOfUnderstanding, status: InForce, binding: false, parties: &["IN"], lead: "HO", owner: "Asia Migration Team",
        title: "UK–India migration and mobility partnership", summary: "Returns of nationals with no right to remain alongside legal mobility schemes.",
        strands: &[Prevent, Pursue], tags: r#"["returns","legal-routes"]"#, funding: None, mark: OFFICIAL, age: 1600, expires: None, review: Some(50), link: Link::None },
    Seed { key: "IN-002", kind: ReturnsArrangement, status: Proposed, binding: false, parties: &["IN"], lead: "IE", owner: "Returns Policy Team",
        title: "UK–India returns protocol", summary: "A proposed protocol on timescales for documenting returns.",
        strands: &[Pursue], tags: r#"["returns"]"#, funding: None, mark: OFFICIAL, age: 30, expires: None, review: Some(40), link: Link::None },
    Seed { key: "PK-001", kind: Treaty, status: Signed, binding: true, parties: &["PK"], lead: "HO", owner: "Returns Policy Team",
        title: "UK–Pakistan returns treaty", summary: "Signed and awaiting ratification by both parliaments.",
        strands: &[Pursue], tags: r#"["returns","readmission"]"#, funding: None, mark: OFFICIAL_SENSITIVE, age: 120, expires: None, review: Some(24), link: Link::None },
    Seed { key: "SD-001", kind: StatementOfIntent, status: Suspended, binding: false, parties: &["SD"], lead: "FCDO", owner: "Horn of Africa Team",
        title: "UK–Sudan statement of intent on a migration dialogue", summary: "Suspended because of the conflict; kept under review.",
        strands: &[Prevent, Prepare], tags: r#"["dialogue","conflict"]"#, funding: None, mark: SECRET, age: 2000, expires: None, review: Some(-90), link: Link::None },
    Seed { key: "ET-001", kind: ReturnsArrangement, status: Terminated, binding: false, parties: &["ET"], lead: "HO", owner: "Returns Policy Team",
        title: "UK–Ethiopia returns arrangement", summary: "Terminated by the partner; returns continue case by case.",
        strands: &[Pursue], tags: r#"["returns"]"#, funding: None, mark: OFFICIAL, age: 1700, expires: None, review: None, link: Link::None },
    Seed { key: "ER-001", kind: Other, status: Proposed, binding: false, parties: &["ER"], lead: "FCDO", owner: "Horn of Africa Team",
        title: "UK–Eritrea exploratory dialogue on migration", summary: "A proposal for officials' talks; no text exists.",
        strands: &[Prevent], tags: r#"["dialogue"]"#, funding: None, mark: SECRET, age: 45, expires: None, review: Some(16), link: Link::None },
    Seed { key: "MULTI-001", kind: Other, status: InForce, binding: false, parties: &["FR", "BE", "NL"], lead: "NCA", owner: "Organised Immigration Crime Unit",
        title: "North Sea and Channel maritime intelligence fusion arrangement", summary: "A shared picture of vessel movements along the North Sea and Channel coasts.",
        strands: &[Protect, Pursue], tags: r#"["maritime","intelligence","multilateral"]"#, funding: Some(10_000_000), mark: TOP_SECRET, age: 800, expires: None, review: Some(-3), link: Link::None },
    Seed { key: "MULTI-002", kind: LawEnforcementCooperation, status: InForce, binding: false, parties: &["AL", "RS", "MK", "GR", "BG"], lead: "NCA", owner: "Western Balkans Team",
        title: "Western Balkans multilateral law-enforcement cooperation", summary: "Shared targets and joint operations against smuggling along the Balkan route.",
        strands: &[Pursue], tags: r#"["western-balkans","multilateral"]"#, funding: Some(7_000_000), mark: SECRET, age: 700, expires: None, review: Some(-8), link: Link::None },
    Seed { key: "MULTI-003", kind: StatementOfIntent, status: InForce, binding: false, parties: &["FR", "BE", "NL", "DE"], lead: "HO", owner: "Channel Policy Team",
        title: "Northern European statement of intent on small-boat crossings", summary: "Shared aims on supply chains, prosecutions and messaging along the coast.",
        strands: &[Prevent, Pursue, Protect], tags: r#"["channel","multilateral"]"#, funding: None, mark: OFFICIAL, age: 540, expires: None, review: Some(22), link: Link::None },
    Seed { key: "MULTI-004", kind: JointActionPlan, status: Negotiating, binding: false, parties: &["IT", "LY", "TN"], lead: "FCDO", owner: "North Africa Migration Team",
        title: "Central Mediterranean route partnership", summary: "A draft plan covering departures, search and rescue and returns along the route.",
        strands: &[Prevent, Protect, Prepare], tags: r#"["central-mediterranean","multilateral"]"#, funding: None, mark: OFFICIAL_SENSITIVE, age: 250, expires: None, review: Some(10), link: Link::None },
];

/// When an agreement's life events fall, in days from today.
pub(super) struct Timeline {
    pub signed: Option<i64>,
    pub in_force: Option<i64>,
    /// The status history: (status, day offset), from `proposed` onward.
    pub steps: Vec<(AgreementStatus, i64)>,
}

impl Timeline {
    /// The day the agreement stopped being live, if it has (for dating work under it).
    pub fn ended(&self) -> Option<i64> {
        self.steps.last().filter(|(s, _)| s.is_final()).map(|(_, day)| *day)
    }

    fn of(seed: &Seed) -> Timeline {
        let age = seed.age;
        let unsigned = |steps| Timeline { signed: None, in_force: None, steps };
        match seed.status {
            Proposed => return unsigned(vec![(Proposed, -age)]),
            Negotiating => return unsigned(vec![(Proposed, -age), (Negotiating, -age + age / 3)]),
            _ => {}
        }
        let signed = -age;
        let mut steps =
            vec![(Proposed, signed - 300), (Negotiating, signed - 180), (Signed, signed)];
        if seed.status == Signed {
            return Timeline { signed: Some(signed), in_force: None, steps };
        }
        let in_force = signed + (age / 4).min(30);
        steps.push((InForce, in_force));
        match seed.status {
            InForce => {}
            Expired => steps.push((Expired, seed.expires.unwrap_or(in_force / 3))),
            // Somewhere between entry into force and today.
            other => steps.push((other, in_force / 3)),
        }
        Timeline { signed: Some(signed), in_force: Some(in_force), steps }
    }
}

fn note(status: AgreementStatus) -> &'static str {
    match status {
        Proposed => "Illustrative: proposal recorded after ministerial talks.",
        Negotiating => "Illustrative: negotiating mandate agreed; first round held.",
        Signed => "Illustrative: signed by the parties.",
        InForce => "Illustrative: entered into force on exchange of notes.",
        Suspended => "Illustrative: suspended pending a review.",
        Expired => "Illustrative: expired at the end of its term.",
        Terminated => "Illustrative: terminated before its end date.",
        Superseded => "Illustrative: superseded by a successor agreement.",
    }
}

/// An inserted agreement, with what the commitments need to know about it.
pub(super) struct Placed {
    pub id: i64,
    pub reference: String,
    pub seed: &'static Seed,
    pub timeline: Timeline,
}

pub(super) async fn insert(
    conn: &mut SqliteConnection,
    ctx: &Ctx,
) -> Result<Vec<Placed>, sqlx::Error> {
    let mut timelines: Vec<Timeline> = SEEDS.iter().map(Timeline::of).collect();
    // A superseded agreement ends the day its successor enters into force.
    for (i, seed) in SEEDS.iter().enumerate() {
        if let (Link::Supersedes(old), Some(day)) = (seed.link, timelines[i].in_force) {
            if let Some(j) = SEEDS.iter().position(|s| s.key == old) {
                let floor = timelines[j].in_force.unwrap_or(day);
                if let Some(last) = timelines[j].steps.last_mut() {
                    last.1 = day.max(floor);
                }
            }
        }
    }

    let mut placed: Vec<Placed> = Vec::with_capacity(SEEDS.len());
    let mut ids: HashMap<&str, i64> = HashMap::new();
    for (seed, timeline) in SEEDS.iter().zip(timelines) {
        let (supersedes, amends) = match seed.link {
            Link::None => (None, None),
            Link::Supersedes(r) => (ids.get(r).copied(), None),
            Link::Amends(r) => (None, ids.get(r).copied()),
        };
        let funding_note = if seed.funding.is_some() {
            "Illustrative figure: UK contribution over the life of the agreement."
        } else {
            ""
        };
        let first_day = timeline.signed.or(timeline.steps.first().map(|s| s.1)).unwrap_or(0);
        let reference = match seed.key.rsplit_once('-') {
            Some((prefix, seq)) => format!("ILLUS-{prefix}-{}-{seq}", ctx.day(first_day).year()),
            None => format!("ILLUS-{}", seed.key),
        };
        let id = sqlx::query(
            "INSERT INTO agreements (reference, title, kind, legally_binding, status, signed_on,
                 in_force_on, expires_on, lead_department_id, owner, summary, funding_gbp,
                 funding_note, scope_tags, classification, caveat, releasability, next_review_on,
                 supersedes_id, amends_id, illustrative)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, 1)",
        )
        .bind(&reference)
        .bind(format!("Illustrative: {}", seed.title))
        .bind(seed.kind)
        .bind(seed.binding)
        .bind(seed.status)
        .bind(ctx.day_opt(timeline.signed))
        .bind(ctx.day_opt(timeline.in_force))
        .bind(ctx.day_opt(seed.expires.filter(|_| timeline.in_force.is_some())))
        .bind(ctx.body(seed.lead))
        .bind(format!("Illustrative: {}", seed.owner))
        .bind(format!("Illustrative record: {} Not a real agreement.", seed.summary))
        .bind(seed.funding)
        .bind(funding_note)
        .bind(seed.tags)
        .bind(seed.mark.level)
        .bind(seed.mark.caveat)
        .bind(seed.mark.releasability)
        .bind(ctx.day_opt(seed.review.filter(|_| !seed.status.is_final())))
        .bind(supersedes)
        .bind(amends)
        .execute(&mut *conn)
        .await?
        .last_insert_rowid();
        ids.insert(seed.key, id);

        for partner in std::iter::once(HOME).chain(seed.parties.iter().copied()) {
            sqlx::query("INSERT INTO agreement_parties (agreement_id, partner) VALUES (?1, ?2)")
                .bind(id)
                .bind(partner)
                .execute(&mut *conn)
                .await?;
        }
        for strand in seed.strands {
            sqlx::query("INSERT INTO agreement_strands (agreement_id, strand) VALUES (?1, ?2)")
                .bind(id)
                .bind(*strand)
                .execute(&mut *conn)
                .await?;
        }
        let mut from: Option<AgreementStatus> = None;
        for (status, day) in &timeline.steps {
            sqlx::query(
                "INSERT INTO agreement_status_history (agreement_id, from_status, to_status, changed_on, note)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .bind(id)
            .bind(from)
            .bind(*status)
            .bind(ctx.day(*day))
            .bind(note(*status))
            .execute(&mut *conn)
            .await?;
            from = Some(*status);
        }
        placed.push(Placed { id, reference, seed, timeline });
    }
    Ok(placed)
}
