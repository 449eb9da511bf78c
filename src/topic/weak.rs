//! Weak supervision: seed terms per category that label unlabelled news text.
//!
//! BBC News and Reuters give labelled articles for five categories (arts,
//! economy, politics, science, sport). The other twelve have no labelled set,
//! so the built-in recipe ([`crate::training::topic`]) makes training data for them from
//! unlabelled news text with the seed terms below, then self-trains.
//!
//! The terms were written from the IPTC Media Topics definitions of each
//! category and its second-level topics (for `disaster`: accident, natural
//! disaster, emergency incident, emergency response ...), not from any test
//! text. A term is one to three normalised words ([`super::features::words`]),
//! matched whole after stemming (`arrest` also matches `arrested`, and each
//! stem belongs to one category only); its weight says how surely it points at its category: 2 for
//! terms that hardly occur elsewhere (`earthquake`, `ceasefire`), 1 for good
//! but shared evidence (`fire`, `troops`).
//!
//! A passage gets a weak label when its best category scores at least
//! [`MIN_SCORE`] from at least [`MIN_TERMS`] distinct terms, and at least
//! [`MIN_MARGIN`] times the runner-up; everything else stays unlabelled (and
//! may be labelled later by self-training). Repeats of a term add little
//! (a term counts once, plus half for each of two repeats), so that one word
//! repeated through a story does not make its topic.

use std::collections::HashMap;

use super::features::{stem, words};
use super::taxonomy;

/// Minimum score of the best category for a weak label.
pub(crate) const MIN_SCORE: f32 = 4.0;
/// Minimum number of distinct seed terms of the best category.
pub(crate) const MIN_TERMS: usize = 2;
/// Minimum ratio of the best category's score to the runner-up's.
pub(crate) const MIN_MARGIN: f32 = 2.0;

/// Seed terms per category id: `term:weight` pairs, weight 1 unless given.
pub(crate) const SEEDS: &[(&str, &str)] = &[
    ("arts", "film:2 films:2 movie:2 movies:2 cinema:2 actor:2 actress:2 director:1 album:2 albums:2 song:2 songs:2 singer:2 band:1 \
        concert:2 concerts:2 music:1 musical:2 musician:2 musicians:2 orchestra:2 opera:2 theatre:2 theater:2  playwright:2 \
        novel:2 novelist:2 author:1 poet:2 poetry:2 literature:2 book:1 books:1 bestseller:2 museum:2 gallery:2 exhibition:2 \
        painting:2 paintings:2 painter:2 sculpture:2 artist:2 artists:2 art:1 arts:1 ballet:2 dance:1 festival:1 box_office:2 \
        oscar:2 oscars:2 grammy:2 award_ceremony:1 nominated:1 nomination:1  hollywood:2 bollywood:2 broadway:2 \
        television:1 tv_series:2 sitcom:2 drama:1 comedy:2 documentary:2 soap:1 channel:1 broadcaster:1 newspaper:1 \
        magazine:1 journalist:1 journalists:1 media:1 radio:1 show:1 star:1 rock:1 pop:1 jazz:2 hip_hop:2 rapper:2 \
        record_label:2 chart:1 charts:1  studio:1 screen:1 script:1 sequel:2 animated:2 cartoon:2 composer:2 \
        symphony:2 pianist:2 guitarist:2 heritage:1 culture:1 cultural:1"),
    ("crime", "police:1 arrested:2 arrest:2 charged:2 charges:1 court:1 judge:1 jury:2 trial:1 convicted:2 conviction:2 \
        sentenced:2 sentence:1 prison:2 jail:2 jailed:2 prisoner:1 inmates:2 murder:2 murdered:2 homicide:2 manslaughter:2 \
        killing:1 stabbed:2 stabbing:2 shooting:1 shot_dead:2 gunman:2 robbery:2 robbed:2 burglary:2 theft:2 stolen:2 \
        thieves:2 fraud:2 bribery:2 bribes:2 corruption:1 embezzlement:2 money_laundering:2 smuggling:2 drug_trafficking:2 \
        cocaine:2 heroin:2 drug_dealer:2 assault:2 rape:2 sexual_assault:2 kidnapping:2 kidnapped:2 suspect:2 suspects:2 \
        detectives:2 detective:2 investigation:1 prosecutor:2 prosecutors:2 prosecution:2 defendant:2 guilty:2 \
        pleaded:2 acquitted:2 verdict:2 lawsuit:1 sued:1 lawyer:1 lawyers:1 attorney:1 criminal:2 crime:2 crimes:2 \
        offender:2 offenders:2  police_officer:2 constable:2 custody:2 bail:2 parole:2 supreme_court:1 \
        high_court:1 magistrates:2 court_heard:2 extradition:2 gang:2 gangs:2 mafia:2 fbi:1 scotland_yard:2 \
        death_penalty:2 execution:1 hacking:1 forensic:2 crown_court:2 appeal_court:1"),
    ("disaster", "earthquake:2 quake:2 tsunami:2 flood:1 flooding:1 floods:1 landslide:2 mudslide:2 avalanche:2 volcano:2 \
        eruption:2     wildfire:2 bushfire:2 bushfires:2 blaze:2 fire:1 fires:1 \
        firefighters:2 firefighter:2 fire_brigade:2 burned:1 explosion:2 blast:1 exploded:2 collapse:1 collapsed:2 \
        crash:2 crashed:2 plane_crash:2 derailed:2 derailment:2 accident:2 accidents:1 collision:2 capsized:2 sank:1 \
        shipwreck:2 rescue:2 rescuers:2 rescued:2 survivors:2 rubble:2 death_toll:2  injured:1  \
        evacuated:2 evacuation:2 evacuate:2 emergency_services:2 paramedics:2 ambulance:1 disaster:2 disasters:2 \
        catastrophe:2 relief:1 aid_agencies:1 emergency:1  missing:1 toxic_spill:2 oil_spill:1 \
        carbon_monoxide:1 stampede:2 drowned:2 crushed:1 trapped:2 debris:1 magnitude:2 aftershock:2 aftershocks:2"),
    ("economy", "economy:2 economic:2 economist:2 economists:2 gdp:2 inflation:2 interest_rates:2 interest_rate:2 \
        central_bank:2 bank:1 banks:1 shares:2 stock:1 stocks:2 stock_market:2 investors:2 investment:1 market:1 \
        markets:1 profit:2 profits:2 revenue:2 revenues:2 earnings:2 sales:1 company:1 companies:1 firm:1 firms:1 \
        business:1 businesses:1 chief_executive:1 takeover:2 merger:2 acquisition:2 deal:1 trade:1 exports:2 \
        imports:2 tariff:2 tariffs:2 prices:1 price:1 oil_prices:2 currency:2 dollar:2 euro:1 yen:2 exchange_rate:2 \
        budget_deficit:2 deficit:1 debt:1 bonds:2 shareholders:2 dividend:2 quarter:1 quarterly:2 retail:1 retailer:2 \
        consumer:1 consumers:1 spending:1 growth:1 recession:2 manufacturing:1 industry:1 output:1 mln:2 billion:1 \
        dlrs:2 pct:1 tax:1 taxes:1 bankruptcy:2 insolvency:2 wall_street:2 nasdaq:2 ftse:2 dow:2 commodity:2 \
        commodities:2 wheat:1 crude:1 opec:2"),
    ("education", "school:2 schools:2 pupils:2 pupil:2 students:2 student:2 teacher:2 teachers:2 teaching:2 classroom:2 \
        classrooms:2 university:1 universities:2 college:1 colleges:2 campus:2 tuition:2 tuition_fees:2 curriculum:2 \
        exam:2 exams:2 examination:1 grades:1 graduates:2 graduate:1   lecturer:2 lecturers:2 \
        professor:1 head_teacher:2 headteacher:2 principal:1 kindergarten:2 preschool:2 nursery:1 primary_school:2 \
        secondary_school:2 high_school:2 education:2 educational:2 literacy:2 scholarship:2 scholarships:2 \
        school_board:2 academic:1 enrolment:2 enrollment:2 homework:2 education_secretary:2 education_minister:2 \
        ofsted:2 a_levels:2 gcse:2 gcses:2 undergraduate:2 postgraduate:2 learning:1 school_year:2 schooling:2 \
        vocational:2 apprenticeships:1 training:1 tertiary:2"),
    ("environment", "environment:2 environmental:2 climate_change:2 global_warming:2 greenhouse:2 emissions:2 \
        carbon_dioxide:2 carbon:1 pollution:2 polluted:2 pollutants:2  conservationists:2 endangered:2 \
        species:1 wildlife:2 habitat:2 habitats:2 biodiversity:2 extinction:1 deforestation:2 forest:1 forests:1 \
        logging:1 recycling:2 recycled:1 waste:1 landfill:2 plastic:1 renewable:2 renewable_energy:2 solar:1 \
        wind_farm:2 wind_farms:2 fossil_fuels:2 coal:1 green:1 greenpeace:2 ecosystem:2 ecosystems:2 reef:2 \
        coral:2 whales:2 whaling:2 salinity:2 water_quality:2 river_health:2 catchment:2 weeds:1 feral:2 \
        pesticides:1 toxic:1 sewage:2 ozone:2 kyoto:2 national_park:2 marine_park:2 environmentalists:2 \
        sustainability:2 sustainable:1 land_clearing:2 native_vegetation:2 erosion:1 wetlands:2 threatened:1"),
    ("health", "health:1 hospital:2 hospitals:2 patients:2 patient:2 doctor:1 doctors:2 nurse:1 nurses:1 medical:1 \
        medicine:1 medicines:2 drug:1 drugs:1 vaccine:2 vaccines:2 vaccination:2 virus:1 infection:2 infections:2 \
        disease:2 diseases:2 cancer:2 tumour:2 diabetes:2 obesity:2 heart_disease:2 stroke:1 dementia:2 \
        alzheimer:2 hiv:2 aids:1 malaria:2 flu:2 influenza:2 bird_flu:2 epidemic:2 pandemic:2 outbreak:1 \
        symptoms:2 treatment:1 therapy:2 surgery:2 surgeon:2 surgeons:2 clinic:2 clinical:2 diagnosis:2 \
        diagnosed:2 mental_health:2 depression:1 nhs:2 gp:2 gps:2 healthcare:2 health_care:2 health_service:2 \
        smoking:2 alcohol:1 illness:2 ill:1 sick:1 blood:1 cholesterol:2 antibiotics:2 pharmaceutical:1 \
        public_health:2 waiting_lists:2 health_minister:2 health_secretary:2 physicians:2 midwives:2 \
        measles:2 polio:2 tuberculosis:2 asthma:2 allergy:2 nutrition:1 immunisation:2"),
    ("human_interest", "birthday:2 celebrates:1 celebrated:1 anniversary:2 centenarian:2 oldest:2 record_breaking:1 \
        wedding:1 married:1 couple:1 baby:1 born:1 reunited:2 reunion:2 heartwarming:2 adopted:1 pet:2 pets:2 \
        dog:1 dogs:1 cat:1 cats:1 owner:1 lottery:2 jackpot:2 winner:1 hero:1 brave:1 bravery:2 kindness:2 \
        stranger:1 strangers:1 grandmother:2 grandfather:2 granddaughter:2 grandson:2 grandchildren:2 prince:1 \
        princess:2 royal:1 royal_family:2 queen:1 king:1 duke:1 duchess:2 celebrity:2 celebrities:2 obituary:2 \
        died_aged:2 tribute:1 tributes:1 remembered:1 quirky:2 bizarre:1 unusual:1 amazing:1 guinness:1 \
        world_record:1 oddly:2 miracle:1    villagers:1 neighbours:1 "),
    ("labour", "union:1 unions:2 trade_union:2 trade_unions:2 strike:2 strikes:2 striking:2 walkout:2 industrial_action:2 \
        workers:1 worker:1 employees:1 employers:2 employer:1 wages:2 wage:2 pay_rise:2 pay_deal:2 minimum_wage:2 \
        jobs:1 job:1 unemployment:2 unemployed:2 jobless:2 employment:2 layoffs:2 laid_off:2 redundancies:2 \
        redundancy:2 job_cuts:2 job_losses:2 workforce:2 staff:1 labour_market:2 labor:1 picket:2 bargaining:2 \
        collective_agreement:2 contract_talks:2 pension:1 pensions:1 retirement:1 overtime:2 working_hours:2 \
        workplace:2 shifts:1 hiring:2 recruitment:1 skills_shortage:2 labour_shortage:2 apprentices:2 \
        industrial_relations:2 tribunal:1 dismissal:2 sacked:1 payroll:2 jobs_report:2 jobless_rate:2 \
        unemployment_rate:2 labour_minister:2 employment_minister:2 work_choices:2"),
    ("lifestyle", "recipe:2 recipes:2 cooking:2 cook:1 chef:2 chefs:2 restaurant:2 restaurants:2 menu:2 dish:2 \
        dishes:1 wine:1 wines:2 cafe:2 bakery:2 food:1 meal:1 meals:1 dinner:1 travel:1 holiday:2 holidays:2 \
        tourist:1 tourists:1 tourism:1 resort:2 hotel:1 hotels:1 beach:1 beaches:2 cruise:2 vacation:2 getaway:2 \
        destination:1 fashion:1 style:1 designer:1 clothes:1 shopping:2 garden:2 gardening:2 gardeners:2 plants:1 \
        flowers:1 home_decor:2 decorating:2 diy:2 hobby:2 hobbies:2 leisure:2 fitness:2 exercise:1 yoga:2 gym:2 \
        wellbeing:2 wellness:2 diet:1 dating:2 relationships:1 beauty:1 cosmetics:2 makeup:2 camping:2 hiking:2 \
        fishing:1 craft:1 crafts:2 collectors:1 antiques:2  puzzle:2 crossword:2 horoscope:2 lifestyle:2 \
         tips:2   tasty:2 delicious:2 flavour:2 flavours:2 ingredients:2 backpackers:2"),
    ("politics", "government:1 minister:1 ministers:1 prime_minister:2 president:1 election:2 elections:2 vote:1 \
        voters:2 voting:2 polls:1 poll:1 campaign:1 candidate:2 candidates:2 party:1 parties:1 parliament:2 \
        parliamentary:2 mps:2 mp:2 senate:2 senator:2 congress:2 congressman:2 legislation:2 bill:1 law:1 \
        opposition:2 coalition:1 cabinet:2 labour_party:2  tories:2 tory:2 lib_dems:2 \
        democrats:2 republicans:2 republican:1 democrat:1 white_house:2 downing_street:2 chancellor:1 \
        policy:1 policies:1 reform:1 referendum:2 governor:1 mayor:1 council:1 councillors:2 diplomatic:2 \
        diplomats:2 diplomacy:2 ambassador:2 foreign_minister:2 foreign_secretary:2 summit:1 sanctions:1 \
        treaty:1 talks:1 political:2 politicians:2 politician:2 constituency:2 manifesto:2 ballot:2 \
        electoral:2 leadership:1 lawmakers:2 legislature:2  state_government:2 federal_government:2"),
    ("religion", "church:2 churches:2 pope:2 vatican:2 bishop:2 bishops:2 archbishop:2 priest:2 priests:2 clergy:2 \
        catholic:2 catholics:2 anglican:2  christian:2 christians:2 christianity:2 muslim:2 muslims:2 \
        islam:2 islamic:1 mosque:2 mosques:2 imam:2 jewish:2 jews:2 judaism:2 synagogue:2 rabbi:2 hindu:2 \
        hindus:2 temple:1 buddhist:2 buddhism:2 monks:2 religion:2 religious:2 faith:2 worship:2 worshippers:2 \
        prayer:2 prayers:2 pray:2 god:2 bible:2 koran:2 quran:2 holy:1 sacred:2 pilgrims:2 pilgrimage:2 \
        ramadan:2 easter:1 christmas:1 diwali:2 sermon:2 congregation:2 parish:2 cathedral:2 theology:2 \
        secular:1 blasphemy:2 saint:1 cardinal:1 evangelical:2 sikh:2 sect:2"),
    ("science", "scientists:2 scientist:2 research:1 researchers:2 study:1 laboratory:2 lab:1 experiment:2 \
        experiments:2 physics:2 physicist:2 chemistry:2 biology:2 biologist:2 genetic:2 genes:2 gene:2 dna:2 \
        genome:2 evolution:2 fossil:2 fossils:2 dinosaur:2 astronomers:2 astronomy:2 telescope:2 planet:2 \
        planets:2 galaxy:2  nasa:2 space:1 spacecraft:2 satellite:2 orbit:2 rocket:2 mars:2 moon:1 \
        technology:2 tech:2 computer:2 computers:2 software:2 internet:2 online:1 website:1 broadband:2 \
        mobile_phone:2 mobile_phones:2 smartphone:2 phones:1 digital:1 microsoft:2 google:2 apple:1 \
        device:1 devices:2 gadget:2 gadgets:2 chip:2 chips:1 processor:2 robot:2 robots:2 virus_writers:2 \
        spam:2 hackers:2 cyber:2 users:1 video_games:1  innovation:1 engineers:2 engineering:2 \
        molecule:2 molecules:2 cells:1  journal:2 nature_journal:2 published_in:1 mathematics:2 \
        quantum:2 particle:2 atoms:2 climate_scientists:1 csiro:2"),
    ("society", "poverty:2 poor:1 homeless:2 homelessness:2 welfare:2 charity:2 charities:2 community:1 \
        communities:1 social:1 society:1 families:1 family:1 children:1 child_poverty:2 inequality:2 \
        discrimination:2 racism:2 racial:2 equality:2 gender:1 women:1 feminist:2 gay:2 lgbt:2 same_sex:2 \
        marriage:1 divorce:2 parenting:2 parents:1 elderly:2 aged_care:2  disability:2 disabled:2 \
        immigration:1 immigrants:2 migrants:2 refugees:1 asylum:1 asylum_seekers:1 indigenous:2 aboriginal:2 \
        census:2 population:1 demographic:2 social_services:2 benefits:1 food_bank:2  \
        human_rights:1 civil_rights:2 protest:1 protesters:1 youth:1 teenagers:1 alcohol_abuse:2 addiction:2 \
        housing:1 affordable_housing:2 social_housing:2 suicide:1 domestic_violence:2 abuse:1 anti_social:2 \
        minorities:2 minority:1 ethnic:1 multicultural:2 segregation:2 rural_communities:1 birth_rate:2"),
    ("sport", "match:2 matches:2 game:1 games:1 team:1 teams:1 player:2 players:2 coach:2 manager:1 club:1 \
        clubs:1 league:2 cup:2 championship:2 championships:2 tournament:2 final:1 semi_final:2 quarter_final:2 \
        season:1 goal:2 goals:2 scored:2 striker:2 midfielder:2  goalkeeper:2 football:2 soccer:2 \
        rugby:2 cricket:2 tennis:2 golf:2 athletics:2 olympic:2 olympics:2 medal:2 race:1 racing:2 cycling:2 \
        boxing:2 baseball:2 basketball:2 hockey:2 nfl:2 nba:2 premiership:2 fa_cup:2 world_cup:2 wicket:2 \
        innings:2 test_match:2 grand_slam:2 marathon:2 sprinter:2 stadium:1 fans:1 referee:2 penalty:1 \
        victory:1 defeat:2 beat:1 win:1 won:1 champion:2 champions:2 title:1 squad:2 captain:1 injury:1 \
        seed:1 wimbledon:2 premier_league:2 formula_one:2 grand_prix:2 swimmer:2 athlete:2 athletes:2"),
    ("conflict", "war:2 wars:2 military:2 troops:2 soldiers:2 soldier:2 army:2 armed_forces:2 militants:2 \
        militant:2 rebels:2 rebel:2 insurgents:2 insurgency:2 insurgent:2 fighting:2 fighters:2 attack:1 \
        attacks:1 airstrike:2 airstrikes:2 air_strikes:2 bombing:2 bomb:1 bombs:1 suicide_bomber:2 \
        missile:2 missiles:2 artillery:2 shelling:2 tanks:1 ceasefire:2 truce:2 peace_talks:2 peace_process:2 \
        peace_deal:2 peacekeepers:2 peacekeeping:2 invasion:2 invaded:2 occupation:2 terrorism:2 terrorist:2 \
        terrorists:2 terror:2 al_qaeda:2 taleban:2 taliban:2 hostage:2 hostages:2 guerrillas:2 guerrilla:2 \
        civilians:2 casualties:1  weapons:1 nuclear_weapons:2 defence:1 defense:1 pentagon:2 \
        nato:2 combat:2 battle:1 offensive:2 frontline:2 front_line:2 coup:2 genocide:2 war_crimes:2 \
        massacre:2 militia:2 militias:2 warplanes:2 drones:1 gunfire:2 clashes:2 unrest:1 riot:1 riots:1 \
        rioters:1 armed:1 raid:1 navy:1  "),
    ("weather", "weather:2 forecast:2 forecasts:2 forecaster:2 forecasters:2 meteorological:2 met_office:2 \
        bureau_of_meteorology:2 rain:2 rainfall:2 showers:2 storm:1 storms:1 thunderstorm:2 thunderstorms:2 \
        snow:2 snowfall:2 blizzard:2 sleet:2 hail:2 hailstorm:2 freezing_rain:2 ice:1 icy:2 frost:2 frosts:2 \
        fog:2 wind:1 winds:1 gusts:2 gale:2 gales:2 temperatures:2 temperature:1 degrees:1 celsius:2 \
        fahrenheit:2 heatwave:2 heat_wave:2 cold_snap:2 humid:2 humidity:2 sunny:2 sunshine:2 cloudy:2 \
        drizzle:2 downpour:2 downpours:2 drought:1 dry_spell:2 wet:1 rainy:2 monsoon:2 el_nino:2 \
        la_nina:2 warning:1 advisory:1 weather_warning:2 cyclone:1 hurricane:1 tornado:1 typhoon:1 \
        cold:1 hot:1 chilly:2 mild:1 millimetres:2 inches_of_rain:2 weather_bureau:2 climate:1 "),
];

/// Compiled seed terms: normalised word sequences → (category index, weight).
#[derive(Debug, Clone)]
pub(crate) struct SeedLexicon {
    /// Stemmed word sequences → (category, weight).
    terms: HashMap<Vec<String>, (usize, f32)>,
    /// (category, term as written), for seed documents.
    written: Vec<(usize, String)>,
    longest: usize,
}

/// What the seed terms say about one text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct SeedScores {
    /// Score per category, in taxonomy order.
    pub scores: Vec<f32>,
    /// Distinct matched terms per category.
    pub terms: Vec<usize>,
}

impl SeedScores {
    /// The weak label: the best category, when it is clear enough (see the module doc).
    pub(crate) fn label(&self) -> Option<usize> {
        let mut order: Vec<usize> = (0..self.scores.len()).collect();
        order.sort_by(|&a, &b| self.scores[b].total_cmp(&self.scores[a]));
        let (best, second) = (order[0], order[1]);
        let clear = self.scores[best] >= MIN_SCORE
            && self.terms[best] >= MIN_TERMS
            && self.scores[best] >= MIN_MARGIN * self.scores[second];
        clear.then_some(best)
    }
}

impl SeedLexicon {
    /// The built-in seed terms of [`SEEDS`].
    pub(crate) fn builtin() -> SeedLexicon {
        let mut terms = HashMap::new();
        let mut written = Vec::new();
        for (id, list) in SEEDS {
            let cat = taxonomy::index_of(id).unwrap_or_else(|| panic!("seed category {id} is not in the taxonomy"));
            for entry in list.split_whitespace() {
                let (term, weight) = entry.split_once(':').unwrap_or((entry, "1"));
                let weight: f32 = weight.parse().unwrap_or_else(|_| panic!("seed {entry}: bad weight"));
                let key: Vec<String> = term.split('_').map(stem).collect();
                terms.insert(key, (cat, weight));
                written.push((cat, term.replace('_', " ")));
            }
        }
        let longest = terms.keys().map(Vec::len).max().unwrap_or(1);
        SeedLexicon { terms, written, longest }
    }

    /// The seed terms of a category, as written (words joined by spaces).
    pub(crate) fn terms_of(&self, category: usize) -> Vec<String> {
        self.written.iter().filter(|(c, _)| *c == category).map(|(_, t)| t.clone()).collect()
    }

    /// Scores a text: every seed term found, longest match first, repeats damped.
    pub(crate) fn score(&self, text: &str) -> SeedScores {
        let w: Vec<String> = words(text).iter().map(|w| stem(w)).collect();
        let n = taxonomy::CATEGORIES.len();
        let mut hits: HashMap<&[String], usize> = HashMap::new();
        let mut i = 0;
        while i < w.len() {
            let mut matched = 1;
            for len in (1..=self.longest.min(w.len() - i)).rev() {
                if let Some((key, _)) = self.terms.get_key_value(&w[i..i + len]) {
                    *hits.entry(key.as_slice()).or_default() += 1;
                    matched = len;
                    break;
                }
            }
            i += matched;
        }
        let mut scores = SeedScores { scores: vec![0.0; n], terms: vec![0; n] };
        for (key, count) in hits {
            let (cat, weight) = self.terms[key];
            scores.scores[cat] += weight * (1.0 + 0.5 * (count.min(3) - 1) as f32);
            scores.terms[cat] += 1;
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_seeds_and_terms_are_unique() {
        let mut seen: HashMap<Vec<String>, &str> = HashMap::new();
        let mut clashes = Vec::new();
        for (id, list) in SEEDS {
            assert!(taxonomy::index_of(id).is_some(), "{id}: not a taxonomy id");
            for entry in list.split_whitespace() {
                let term = entry.split_once(':').map_or(entry, |x| x.0);
                let key: Vec<String> = term.split('_').map(stem).collect();
                if let Some(other) = seen.insert(key, id) {
                    if other != *id {
                        clashes.push(format!("{term} ({other}, {id})"));
                    }
                }
            }
        }
        assert!(clashes.is_empty(), "seed terms (after stemming) in two categories; keep each in one: {clashes:?}");
        let lex = SeedLexicon::builtin();
        for (i, c) in taxonomy::CATEGORIES.iter().enumerate() {
            assert!(lex.terms_of(i).len() >= 30, "{}: a category needs at least 30 seed terms", c.id);
        }
    }

    #[test]
    fn seed_terms_are_normalised_words() {
        for (_, list) in SEEDS {
            for entry in list.split_whitespace() {
                let term = entry.split_once(':').map_or(entry, |x| x.0);
                let as_words = words(&term.replace('_', " "));
                assert_eq!(as_words.join("_"), term, "seed `{term}` must be written as normalised words");
            }
        }
    }

    #[test]
    fn clear_passages_get_a_label_and_mixed_ones_do_not() {
        let lex = SeedLexicon::builtin();
        let id = |i: Option<usize>| i.map(|i| taxonomy::CATEGORIES[i].id);
        let cases = [
            ("The earthquake left rescuers digging through rubble for survivors.", Some("disaster")),
            ("Forecasters expect heavy rain and snow, with temperatures near freezing.", Some("weather")),
            ("The striker scored two goals as the club won the league match.", Some("sport")),
            ("Police arrested two suspects over the murder.", Some("crime")),
            ("It was a quiet day.", None),
        ];
        for (text, want) in cases {
            assert_eq!(id(lex.score(text).label()), want, "{text:?}: scores {:?}", lex.score(text));
        }
    }

    #[test]
    fn longest_terms_win_and_repeats_are_damped() {
        let lex = SeedLexicon::builtin();
        let s = lex.score("prime minister prime minister prime minister prime minister");
        let politics = taxonomy::index_of("politics").unwrap();
        assert_eq!(s.terms[politics], 1, "`prime minister` is one term, not `minister` as well");
        assert_eq!(s.scores[politics], 2.0 * 2.0, "four repeats count as 1 + 0.5 + 0.5");
    }
}
