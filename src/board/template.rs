//! Boards to start from: empty, a three-tier web service, an org chart scaffold.

use serde::{Deserialize, Serialize};

use super::{NodeKind, Rect, Shape};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "name")]
pub enum Template {
    Empty,
    /// Users, a load balancer, web and app tiers, a database, a queue and workers.
    ThreeTier,
    /// A Director, three engineering managers and their teams.
    OrgChart,
}

impl Template {
    pub const ALL: [Template; 3] = [Template::Empty, Template::ThreeTier, Template::OrgChart];

    pub fn label(self) -> &'static str {
        match self {
            Template::Empty => "Empty board",
            Template::ThreeTier => "Three-tier web service",
            Template::OrgChart => "Org chart",
        }
    }

    /// Creates the template's elements through `create(label, shape) -> id`.
    pub(super) fn build(self, mut create: impl FnMut(String, Shape) -> u32) {
        let mut node = |label: &str, node: NodeKind, x: f32, y: f32| {
            let (w, h) = node.default_size();
            create(
                label.to_owned(),
                Shape::Node {
                    node,
                    rect: Rect::new(x, y, w, h),
                },
            )
        };
        let mut links: Vec<(u32, u32, &str)> = Vec::new();
        match self {
            Template::Empty => {}
            Template::ThreeTier => {
                let users = node("Users", NodeKind::Client, 330.0, 0.0);
                let lb = node("Load balancer", NodeKind::Service, 300.0, 140.0);
                let web = node("Web tier", NodeKind::Service, 300.0, 260.0);
                let app = node("App service", NodeKind::Service, 300.0, 380.0);
                let db = node("Primary database", NodeKind::Database, 320.0, 520.0);
                let queue = node("Job queue", NodeKind::Queue, 560.0, 380.0);
                let workers = node("Workers", NodeKind::Service, 560.0, 520.0);
                let cdn = node("CDN", NodeKind::External, 40.0, 130.0);
                links.extend([
                    (users, lb, "HTTPS"),
                    (users, cdn, "static assets"),
                    (lb, web, ""),
                    (web, app, ""),
                    (app, db, "reads and writes"),
                    (app, queue, "jobs"),
                    (queue, workers, ""),
                ]);
            }
            Template::OrgChart => {
                let director = node("Director of Engineering", NodeKind::Client, 340.0, 0.0);
                for (i, x) in [0.0_f32, 280.0, 560.0].into_iter().enumerate() {
                    let em_name = format!("EM {}", i + 1);
                    let em = node(&em_name, NodeKind::Client, x + 40.0, 160.0);
                    let team_name = format!("Team {}", ["A", "B", "C"][i]);
                    let team = node(
                        &team_name,
                        NodeKind::Team {
                            em: em_name.clone(),
                            headcount: 6,
                        },
                        x,
                        320.0,
                    );
                    links.push((director, em, ""));
                    links.push((em, team, ""));
                }
            }
        }
        for (from, to, label) in links {
            create(label.to_owned(), Shape::Connector { from, to });
        }
    }
}
