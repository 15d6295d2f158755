/// The columns of the exports people bring, under each of their names: the
/// API name a Salesforce or HubSpot integration uses, and the label their
/// report and list exports print. Each group names one column; a definition
/// may use any name of the group, and the header may hold any other.
///
/// Names are compared as `Header.key` leaves them: lower case, letters and
/// digits only, so `CloseDate`, `Close Date` and `close_date` are one name
/// without a preset.
public enum Presets {
    /// Salesforce opportunities: API name, then the report labels.
    public static let salesforceOpportunity: [[String]] = [
        ["Id", "Opportunity ID", "Record ID"],
        ["Name", "Opportunity Name"],
        ["AccountId", "Account ID"],
        ["Account.Name", "Account Name"],
        ["StageName", "Stage"],
        ["IsWon", "Won"],
        ["IsClosed", "Closed"],
        ["Probability", "Probability (%)"],
        ["ExpectedRevenue", "Expected Revenue"],
        ["Amount", "Amount (converted)"],
        ["TotalOpportunityQuantity", "Quantity"],
        ["LeadSource", "Lead Source"],
        ["Type", "Opportunity Type"],
        ["OwnerId", "Opportunity Owner ID"],
        ["Owner.Name", "Opportunity Owner"],
        ["CreatedDate", "Created Date", "Create Date"],
        ["LastModifiedDate", "Last Modified Date"],
        ["LastActivityDate", "Last Activity"],
        ["ForecastCategoryName", "Forecast Category"],
        ["Fiscal", "Fiscal Period"],
        ["CampaignId", "Primary Campaign Source"],
        ["NextStep", "Next Step"],
        ["HasOpportunityLineItem", "Has Products"],
        ["CurrencyIsoCode", "Opportunity Currency"],
    ]

    /// HubSpot contacts: internal name, the export label, and the short name
    /// people write for the lifecycle dates.
    public static let hubspotContact: [[String]] = [
        ["hs_object_id", "Record ID", "Contact ID"],
        ["createdate", "Create Date", "Created Date"],
        ["lastmodifieddate", "Last Modified Date"],
        ["lifecyclestage", "Lifecycle Stage"],
        ["hs_lead_status", "Lead Status"],
        ["hubspot_owner_id", "Contact owner"],
        ["hs_analytics_source", "Original Source"],
        ["hs_analytics_source_data_1", "Original Source Drill-Down 1"],
        ["hs_latest_source", "Latest Source"],
        ["company", "Company Name"],
        ["jobtitle", "Job Title"],
        ["country", "Country/Region"],
        ["num_associated_deals", "Number of Associated Deals"],
        ["recent_deal_close_date", "Recent Deal Close Date"],
        ["first_deal_created_date", "First Deal Created Date"],
        ["total_revenue", "Total Revenue"],
        ["hs_lifecyclestage_subscriber_date", "Became a Subscriber Date", "subscriber_date"],
        ["hs_lifecyclestage_lead_date", "Became a Lead Date", "lead_date"],
        ["hs_lifecyclestage_marketingqualifiedlead_date", "Became a Marketing Qualified Lead Date", "mql_date"],
        ["hs_lifecyclestage_salesqualifiedlead_date", "Became a Sales Qualified Lead Date", "sql_date"],
        ["hs_lifecyclestage_opportunity_date", "Became an Opportunity Date", "opportunity_date"],
        ["hs_lifecyclestage_customer_date", "Became a Customer Date", "customer_date"],
        ["hs_lifecyclestage_evangelist_date", "Became an Evangelist Date", "evangelist_date"],
    ]

    /// Every group, by the key of each of its names.
    static let groups: [String: [[String]]] = {
        var map: [String: [[String]]] = [:]
        for group in salesforceOpportunity + hubspotContact {
            for name in group { map[Header.key(name), default: []].append(group.map(Header.key)) }
        }
        return map
    }()

    /// The other names of the column a name stands for, as keys.
    static func aliases(of key: String) -> [String] {
        (groups[key] ?? []).flatMap { $0 }.filter { $0 != key }
    }

    /// The other names of the column a name stands for, as written.
    static func spellings(of name: String) -> [String] {
        let key = Header.key(name)
        return (salesforceOpportunity + hubspotContact).filter { $0.contains { Header.key($0) == key } }
            .flatMap { $0 }.filter { Header.key($0) != key }
    }

    /// Which export a header looks like: "Salesforce opportunities",
    /// "HubSpot contacts", or nil.
    public static func recognise(_ names: [String]) -> String? {
        let keys = Set(names.map(Header.key))
        func score(_ preset: [[String]]) -> Int {
            preset.filter { group in group.contains { keys.contains(Header.key($0)) } }.count
        }
        let salesforce = score(salesforceOpportunity)
        let hubspot = score(hubspotContact)
        guard max(salesforce, hubspot) >= 3 else { return nil }
        return salesforce >= hubspot ? "Salesforce opportunities" : "HubSpot contacts"
    }
}
