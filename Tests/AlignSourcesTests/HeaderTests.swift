import AlignSources
import Testing

/// Columns found by the names definitions write.
@Suite("Columns and presets")
struct HeaderTests {
    static let salesforce = Header([
        "Opportunity ID", "Opportunity Name", "Stage", "Amount", "Close Date", "Created Date", "Won", "Lead Source",
    ])
    static let hubspot = Header([
        "Record ID", "Email", "Lifecycle Stage", "Create Date", "Became a Marketing Qualified Lead Date",
        "Became a Sales Qualified Lead Date",
    ])

    @Test("exact, then the same letters in any case, then the other names of a preset")
    func found() {
        #expect(Self.salesforce.index(of: "Close Date") == 4)
        #expect(Self.salesforce.index(of: "CloseDate") == 4)
        #expect(Self.salesforce.index(of: "close_date") == 4)
        #expect(Self.salesforce.index(of: "StageName") == 2)
        #expect(Self.salesforce.index(of: "IsWon") == 6)
        #expect(Self.salesforce.index(of: "Id") == 0)
        #expect(Self.salesforce.index(of: "LeadSource") == 7)
        #expect(Self.hubspot.index(of: "hs_lifecyclestage_marketingqualifiedlead_date") == 4)
        #expect(Self.hubspot.index(of: "mql_date") == 4)
        #expect(Self.hubspot.index(of: "sql_date") == 5)
        #expect(Self.hubspot.index(of: "createdate") == 3)
        #expect(Header(["hs_lifecyclestage_salesqualifiedlead_date"]).index(of: "Became a Sales Qualified Lead Date") == 0)
    }

    @Test("a column that is not there: did you mean, or the header listed")
    func missing() {
        #expect(throws: SourceError(text: "there is no column 'Close Dat'; did you mean 'Close Date'?", line: 1)) {
            _ = try Self.salesforce.require("Close Dat")
        }
        // Found through a preset's other name, but named as the file writes it.
        #expect(throws: SourceError(text: "there is no column 'Stge'; did you mean 'Stage Name'?", line: 1)) {
            _ = try Header(["Close Date", "Stage Name", "Amount"]).require("Stge")
        }
        #expect(throws: SourceError(text: "there is no column 'Revenue' (the header has 'a', 'b')", line: 1)) {
            _ = try Header(["a", "b"]).require("Revenue")
        }
    }

    @Test("the exports are recognised")
    func recognise() {
        #expect(Presets.recognise(Self.salesforce.names) == "Salesforce opportunities")
        #expect(Presets.recognise(Self.hubspot.names) == "HubSpot contacts")
        #expect(Presets.recognise(["metric", "period", "value"]) == nil)
    }
}
