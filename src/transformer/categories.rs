//! Category descriptions for zero-shot topics: a few plain sentences per
//! top-level IPTC media topic, written the way a news article on that topic
//! reads.
//!
//! The transformer topic backend embeds these with the same model as the
//! articles and scores a category by the cosine between the article and the
//! mean of its descriptions. They are written from the IPTC definitions, not
//! from any evaluation data, so zero-shot figures measure the descriptions
//! honestly. Ids follow the project taxonomy (`crate::topic`).

/// The categories, by id, each with its descriptions.
pub const CATEGORIES: &[(&str, &[&str])] = &[
    ("arts", &[
        "Arts, culture, entertainment and media: films, television, music, theatre, books and celebrities.",
        "The film won best picture at the awards ceremony and the actress thanked the director.",
        "The band released a new album and announced a concert tour; the single topped the music charts.",
        "The television series drew millions of viewers, and the broadcaster renewed it for another season.",
        "A museum exhibition of paintings opened, and critics reviewed the novel, the play and the festival.",
    ]),
    ("conflict", &[
        "Conflict, war and peace: armed conflict, military operations, terrorism, ceasefires and peace talks.",
        "Troops launched an offensive, air strikes hit the city and soldiers were killed in the fighting.",
        "Militants claimed responsibility for the bombing, and the army said it had repelled the attack.",
        "The two sides agreed a ceasefire and began peace negotiations under international mediation.",
    ]),
    ("crime", &[
        "Crime, law and justice: police investigations, arrests, trials, courts, judges and prisons.",
        "Police arrested a man suspected of murder, and he was charged and remanded in custody.",
        "The jury found the defendant guilty of fraud and the judge sentenced him to five years in prison.",
        "The supreme court ruled on the appeal, and lawyers said the legal case would continue.",
    ]),
    ("disaster", &[
        "Disaster, accident and emergency: earthquakes, floods, fires, explosions, crashes and rescues.",
        "An earthquake struck the region, destroying buildings; rescue teams searched the rubble for survivors.",
        "The plane crashed shortly after take-off, and emergency services said there were no survivors.",
        "A fire swept through the building, and firefighters evacuated residents; the death toll rose.",
    ]),
    ("economy", &[
        "Economy, business and finance: companies, markets, trade, banks, jobs data, prices and profits.",
        "The company reported higher quarterly profits and its shares rose on the stock market.",
        "The central bank raised interest rates as inflation climbed and economic growth slowed.",
        "The firm agreed to a takeover deal worth billions of dollars, and investors welcomed the merger.",
        "Sales fell, the currency weakened and oil prices rose; analysts cut their forecasts for the economy.",
    ]),
    ("education", &[
        "Education: schools, universities, teachers, pupils, students, exams and education policy.",
        "Pupils sat their exams, and the school results improved; teachers praised the students.",
        "The university raised tuition fees, and students protested about the cost of higher education.",
        "The government announced reforms to the school curriculum and funding for teachers.",
    ]),
    ("environment", &[
        "Environment: climate change, pollution, nature conservation, wildlife, energy and emissions.",
        "Scientists warned that global warming and carbon emissions are driving climate change.",
        "Pollution of the river killed fish, and campaigners called for protection of the forest and wildlife.",
        "The country pledged to cut greenhouse gas emissions and expand renewable energy.",
    ]),
    ("health", &[
        "Health: diseases, hospitals, doctors, patients, medicines, public health and health care.",
        "Doctors treated patients at the hospital as the outbreak of the virus spread.",
        "A new drug was approved to treat cancer after a clinical trial showed it was effective.",
        "The health service faced long waiting lists, and nurses called for more staff and funding.",
    ]),
    ("human_interest", &[
        "Human interest: unusual and heart-warming stories about ordinary people and animals.",
        "A woman celebrated her hundredth birthday with her family and neighbours.",
        "A lost dog found its way home after travelling hundreds of miles, to its owners' delight.",
        "The couple won the lottery and said they would share the money with their friends.",
    ]),
    ("labour", &[
        "Labour: employment, unemployment, wages, trade unions, strikes and working conditions.",
        "Workers went on strike over pay after the union rejected the employer's offer.",
        "Unemployment rose as factories cut jobs, and the minimum wage was increased.",
        "The union negotiated with management over pensions, working hours and job security.",
    ]),
    ("lifestyle", &[
        "Lifestyle and leisure: travel, food, fashion, holidays, hobbies, gardening and home life.",
        "The restaurant's new menu features seasonal recipes, and chefs shared cooking tips.",
        "Fashion designers showed their new collections, and holiday travel to the coast increased.",
        "Readers shared their favourite hobbies, gardening ideas and ways to relax at the weekend.",
    ]),
    ("politics", &[
        "Politics: government, elections, political parties, parliament, ministers and diplomacy.",
        "The prime minister faced questions in parliament as the opposition party criticised the government.",
        "Voters went to the polls in the general election, and the party leader conceded defeat.",
        "Ministers announced a new bill, and MPs debated the legislation before the vote.",
        "The foreign minister met his counterpart for talks on relations between the two countries.",
    ]),
    ("religion", &[
        "Religion and belief: churches, mosques, temples, faith, clergy and religious festivals.",
        "The Pope led prayers at the Vatican, and worshippers gathered for the religious service.",
        "The bishop spoke about faith, and the church celebrated Easter and Christmas.",
        "Muslims marked the end of Ramadan, and religious leaders called for tolerance between faiths.",
    ]),
    ("science", &[
        "Science and technology: research, scientists, space, computers, the internet, software and gadgets.",
        "Researchers published a study showing a new discovery, and scientists tested the theory.",
        "The technology company launched a new mobile phone, software and online services.",
        "Computer users were warned about viruses and security flaws; broadband and internet use grew.",
        "The space agency launched a probe to Mars, and astronomers observed a distant galaxy.",
    ]),
    ("society", &[
        "Society: social issues, families, communities, immigration, poverty, equality and welfare.",
        "Campaigners called for action on homelessness and poverty as welfare benefits were cut.",
        "Immigration and the integration of migrants divided the community.",
        "Equality groups protested against discrimination, and a report examined social inequality.",
    ]),
    ("sport", &[
        "Sport: football, cricket, tennis, athletics and other games, players, coaches, matches and results.",
        "The striker scored twice as the team won the match and moved to the top of the league.",
        "She won the tennis final in straight sets to claim the championship title.",
        "The coach named the squad for the tournament, and the athlete set a world record.",
    ]),
    ("weather", &[
        "Weather: forecasts, temperatures, rain, snow, storms, heatwaves and the meteorological office.",
        "Forecasters warned of heavy rain and strong winds as the storm approached the coast.",
        "Temperatures fell below freezing and snow disrupted travel across the region.",
        "A heatwave brought record temperatures, and the weather service issued warnings.",
    ]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_an_id_and_several_descriptions() {
        assert_eq!(CATEGORIES.len(), 17, "the taxonomy has 17 top-level categories");
        let mut ids: Vec<&str> = CATEGORIES.iter().map(|(id, _)| *id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 17, "category ids must be unique");
        for (id, descriptions) in CATEGORIES {
            assert!(descriptions.len() >= 3, "{id}: give at least three descriptions");
            assert!(id.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{id}: ids are lower-case snake case");
        }
    }
}
